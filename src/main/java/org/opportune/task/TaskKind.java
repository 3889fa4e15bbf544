package org.opportune.task;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What sort of work a task is; it changes how lists label it, not the rules. */
public enum TaskKind {
    NEXT_ACTION("Next action"), FOLLOW_UP("Follow-up"), CALL("Call"), MEETING("Meeting"), OTHER("Other");

    private final String words;

    TaskKind(String words) {
        this.words = words;
    }

    /** Lower snake case, as stored and as the API writes it: {@code follow_up}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For people: {@code Follow-up}. */
    public String words() {
        return words;
    }

    /** @throws IllegalArgumentException for an unknown label, naming the ones that exist */
    @JsonCreator
    public static TaskKind fromLabel(String label) {
        var wanted = label.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(k -> k.label().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown kind '" + label + "'; use next_action, follow_up, call, meeting or other."));
    }
}
