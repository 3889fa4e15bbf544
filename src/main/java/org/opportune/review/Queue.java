package org.opportune.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The review queues, in the order the page shows them. */
public enum Queue {
    UNASSIGNED_LEADS("Unassigned leads",
            "Buying signals and opportunities nobody owns yet. Claim one, or assign it to someone, so it gets an answer.",
            "No unassigned leads. New buying signals from the inbox will show up here until someone claims them."),
    OVERDUE("Overdue follow-ups",
            "Opportunities whose next action is past its date, and overdue tasks. Do it, or set a new dated next action.",
            "Nothing overdue. Keep every open opportunity's next action dated, and this stays empty."),
    PROPOSALS_WAITING("Proposals waiting on the customer",
            "Proposals and quotes the customer has not answered by their follow-up date. Chase, move the stage, or close it with a reason.",
            "No proposals are past their follow-up date. When you send a quote, move the opportunity to the proposal stage with a dated follow-up."),
    STALE("Stale opportunities",
            "Open opportunities nobody has changed for a while. Set a next action, move them on, or close them with a reason.",
            "No stale opportunities: every open one changed recently."),
    CUSTOMER_WAITING("Customer waiting on us",
            "Conversations where the customer wrote last and nobody has answered. Open one and reply, or give it to someone who will.",
            "Nobody is waiting on an answer from us. New customer messages show up here until someone replies.");

    private final String label;
    private final String hint;
    private final String empty;

    Queue(String label, String hint, String empty) {
        this.label = label;
        this.hint = hint;
        this.empty = empty;
    }

    public String label() {
        return label;
    }

    /** What the queue holds and what to do with its items. */
    public String hint() {
        return hint;
    }

    /** What an empty queue says: what to do next. */
    public String empty() {
        return empty;
    }

    /** For ids in the page: {@code unassigned-leads}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Queue> fromKey(String key) {
        return Arrays.stream(values()).filter(q -> q.key().equals(key)).findFirst();
    }
}
