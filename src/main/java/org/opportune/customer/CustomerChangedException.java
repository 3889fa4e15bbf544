package org.opportune.customer;

import java.util.List;
import java.util.Map;

/**
 * Someone else saved the company or contact after the caller loaded it: the edit is refused, never
 * merged silently (maps to 409).
 *
 * @see #changed() the fields whose stored value differs from what the caller sent, with the stored value
 */
public class CustomerChangedException extends RuntimeException {

    private final CustomerRef ref;
    private final int yourVersion;
    private final int currentVersion;
    private final Map<String, Object> changed;
    private final List<String> changedBy;

    public CustomerChangedException(CustomerRef ref, int yourVersion, int currentVersion, Map<String, Object> changed,
            List<String> changedBy) {
        super("This " + ref.kind().code() + " was changed" + (changedBy.isEmpty() ? "" : " by " + String.join(", ", changedBy))
                + " since you opened it" + (changed.isEmpty() ? "" : " (" + String.join(", ", changed.keySet()) + ")")
                + ". Check the current values and make your change again.");
        this.ref = ref;
        this.yourVersion = yourVersion;
        this.currentVersion = currentVersion;
        this.changed = Map.copyOf(changed);
        this.changedBy = List.copyOf(changedBy);
    }

    public CustomerRef ref() {
        return ref;
    }

    public int yourVersion() {
        return yourVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public Map<String, Object> changed() {
        return changed;
    }

    public List<String> changedBy() {
        return changedBy;
    }
}
