package org.opportune.task;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A change made on an older version of a task: refused, never silently written over what someone
 * else saved. {@link #changes()} says what changed since the version the person saw.
 */
public class StaleTaskException extends RuntimeException {

    private final long taskId;
    private final int seenVersion;
    private final int currentVersion;
    private final List<ChangeSince> changes;

    StaleTaskException(long taskId, int seenVersion, int currentVersion, List<ChangeSince> changes) {
        super(message(seenVersion, currentVersion, changes));
        this.taskId = taskId;
        this.seenVersion = seenVersion;
        this.currentVersion = currentVersion;
        this.changes = List.copyOf(changes);
    }

    public long taskId() {
        return taskId;
    }

    public int seenVersion() {
        return seenVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public List<ChangeSince> changes() {
        return changes;
    }

    private static String message(int seen, int current, List<ChangeSince> changes) {
        var what = changes.isEmpty() ? "" : ": " + changes.stream()
                .map(c -> c.field() + " " + text(c.from()) + " → " + text(c.to()) + " (" + c.by() + ")")
                .collect(Collectors.joining("; "));
        return "Someone changed this task after you opened it (you saw version " + seen + ", it is now at version "
                + current + ")" + what + ". Nothing was saved; look at the task again and redo your change.";
    }

    private static String text(@Nullable String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }

    /** One field that changed since the version seen: its value then, its value now, who changed it last and when. */
    public record ChangeSince(String field, @Nullable String from, @Nullable String to, String by, Instant at) {
    }
}
