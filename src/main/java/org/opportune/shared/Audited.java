package org.opportune.shared;

import java.util.Map;

/**
 * An application event that belongs in the activity trail.
 *
 * <p>Every module's events that record a user-visible change implement this; the {@code activity}
 * module listens for it synchronously, so the change and its trail entry commit together.
 * {@link #before()} and {@link #after()} hold only the fields that changed (empty when there is
 * nothing to show), with values that serialise to JSON (strings, numbers, booleans, lists, maps).
 */
public interface Audited {

    Actor actor();

    /** A dotted verb such as {@code user.created} or {@code login.failed}. */
    String action();

    /** The kind of thing acted on, such as {@code user}. */
    String subjectType();

    /** The id of the thing acted on, as text. */
    String subjectId();

    default Map<String, Object> before() {
        return Map.of();
    }

    default Map<String, Object> after() {
        return Map.of();
    }
}
