package org.opportune.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The standing lists of the shared inbox. */
public enum InboxView {
    UNASSIGNED("Unassigned", "Nobody owns these yet. Claim one to answer it."),
    MINE("Mine", "Conversations you own. Claim one from Unassigned to start."),
    WAITING("Waiting on us", "The customer wrote last and nobody has answered yet."),
    OPEN("All open", "Every conversation that is not archived."),
    ARCHIVED("Archived", "Done for now. A new message from the customer brings one back.");

    private final String label;
    private final String hint;

    InboxView(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    public String label() {
        return label;
    }

    /** What the list holds, and what to do when it is empty. */
    public String hint() {
        return hint;
    }

    /** The view's name in a URL: {@code waiting}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InboxView> fromKey(String key) {
        return Arrays.stream(values()).filter(v -> v.key().equals(key)).findFirst();
    }
}
