package org.opportune.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.opportune.task.StaleTaskException.ChangeSince;

/**
 * What each version of a task changed, field by field, so that a stale edit can be answered with
 * what changed since the version the person saw.
 */
@Component
class TaskChanges {

    private final JdbcClient jdbc;

    TaskChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields whose value differs between two snapshots, as before and after maps in field order. */
    static Diff diff(Map<String, @Nullable Object> before, Map<String, @Nullable Object> after) {
        var changedBefore = new LinkedHashMap<String, @Nullable Object>();
        var changedAfter = new LinkedHashMap<String, @Nullable Object>();
        after.forEach((field, value) -> {
            if (!Objects.equals(value, before.get(field))) {
                changedBefore.put(field, before.get(field));
                changedAfter.put(field, value);
            }
        });
        return new Diff(changedBefore, changedAfter);
    }

    void record(long taskId, int version, Diff diff, String by, Instant at) {
        diff.after().forEach((field, value) -> jdbc.sql("""
                        insert into task_changes (task_id, version, field, before_value, after_value, changed_by, changed_at)
                        values (:task, :version, :field, :before, :after, :by, :at)
                        """)
                .param("task", taskId)
                .param("version", version)
                .param("field", field)
                .param("before", text(diff.before().get(field)))
                .param("after", text(value))
                .param("by", by)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update());
    }

    /** Per field changed after {@code version}: its value then and now, who changed it last and when. */
    List<ChangeSince> since(long taskId, int version) {
        var byField = new LinkedHashMap<String, ChangeSince>();
        jdbc.sql("""
                        select field, before_value, after_value, changed_by, changed_at from task_changes
                        where task_id = :task and version > :version order by version, id
                        """)
                .param("task", taskId)
                .param("version", version)
                .query((rs, row) -> {
                    var field = rs.getString("field");
                    var at = rs.getObject("changed_at", OffsetDateTime.class).toInstant();
                    var first = byField.get(field);
                    byField.put(field, new ChangeSince(field, first == null ? rs.getString("before_value") : first.from(),
                            rs.getString("after_value"), rs.getString("changed_by"), at));
                    return field;
                })
                .list();
        var changes = new ArrayList<ChangeSince>();
        byField.values().stream().filter(c -> !Objects.equals(c.from(), c.to())).forEach(changes::add);
        return changes;
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        var text = value.toString();
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    /** Only the changed fields, before and after. */
    record Diff(Map<String, @Nullable Object> before, Map<String, @Nullable Object> after) {

        boolean isEmpty() {
            return after.isEmpty();
        }

        boolean changed(String field) {
            return after.containsKey(field);
        }
    }
}
