package org.opportune.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read side: a person's tasks by group, the tasks of a linked record, filtered lists and counts.
 * WHERE clauses are assembled only from the fixed fragments below; values travel as named parameters.
 * The assignee's name is filled in by the service.
 */
@Component
class TaskQueries {

    private static final String OPEN = "'open'";
    private static final String ORDER = " order by due_date, overdue_at, id";
    private static final RowMapper<TaskView> TASK = TaskQueries::task;

    private final JdbcClient jdbc;

    TaskQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TaskView> overdue(long assigneeId, Instant now) {
        return jdbc.sql("select * from tasks where assignee_id = :assignee and status = " + OPEN
                        + " and overdue_at <= :now" + ORDER)
                .param("assignee", assigneeId).param("now", utc(now)).query(TASK).list();
    }

    List<TaskView> dueToday(long assigneeId, LocalDate today, Instant now) {
        return jdbc.sql("select * from tasks where assignee_id = :assignee and status = " + OPEN
                        + " and due_date = :today and overdue_at > :now" + ORDER)
                .param("assignee", assigneeId).param("today", today).param("now", utc(now)).query(TASK).list();
    }

    List<TaskView> upcoming(long assigneeId, LocalDate today, int limit) {
        return jdbc.sql("select * from tasks where assignee_id = :assignee and status = " + OPEN
                        + " and due_date > :today" + ORDER + " fetch first :limit rows only")
                .param("assignee", assigneeId).param("today", today).param("limit", limit).query(TASK).list();
    }

    List<TaskView> doneSince(long assigneeId, Instant since, int limit) {
        return jdbc.sql("""
                        select * from tasks where assignee_id = :assignee and status = 'done' and completed_at >= :since
                        order by completed_at desc, id desc fetch first :limit rows only
                        """)
                .param("assignee", assigneeId).param("since", utc(since)).param("limit", limit).query(TASK).list();
    }

    /** Open tasks first, by due date; then the closed ones, the latest first. */
    List<TaskView> linkedTo(TaskLink link, int limit) {
        return jdbc.sql("select * from tasks where " + column(link.type()) + " = :id"
                        + " order by case when status = 'open' then 0 else 1 end,"
                        + " case when status = 'open' then due_date end, updated_at desc, id fetch first :limit rows only")
                .param("id", link.id()).param("limit", limit).query(TASK).list();
    }

    long overdueCount(long assigneeId, Instant now) {
        return jdbc.sql("select count(*) from tasks where assignee_id = :assignee and status = " + OPEN
                        + " and overdue_at <= :now")
                .param("assignee", assigneeId).param("now", utc(now)).query(Long.class).single();
    }

    long dueTodayCount(long assigneeId, LocalDate today, Instant now) {
        return jdbc.sql("select count(*) from tasks where assignee_id = :assignee and status = " + OPEN
                        + " and due_date = :today and overdue_at > :now")
                .param("assignee", assigneeId).param("today", today).param("now", utc(now)).query(Long.class).single();
    }

    /** Overdue open tasks per assignee; people without any are left out. */
    Map<Long, Long> overdueCounts(Instant now) {
        var counts = new LinkedHashMap<Long, Long>();
        jdbc.sql("select assignee_id, count(*) as n from tasks where status = " + OPEN
                        + " and overdue_at <= :now group by assignee_id order by assignee_id")
                .param("now", utc(now))
                .query((rs, row) -> counts.put(rs.getLong("assignee_id"), rs.getLong("n")))
                .list();
        return counts;
    }

    List<TaskView> find(TaskFilter filter, Instant now) {
        var conditions = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        if (filter.assigneeId() != null) {
            conditions.add("assignee_id = :assignee");
            params.put("assignee", filter.assigneeId());
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            params.put("status", filter.status().label());
        }
        if (filter.dueBefore() != null) {
            conditions.add("due_date < :dueBefore");
            params.put("dueBefore", filter.dueBefore());
        }
        if (filter.dueAfter() != null) {
            conditions.add("due_date > :dueAfter");
            params.put("dueAfter", filter.dueAfter());
        }
        if (filter.overdue() != null) {
            conditions.add(filter.overdue()
                    ? "(status = " + OPEN + " and overdue_at <= :now)"
                    : "(status <> " + OPEN + " or overdue_at > :now)");
            params.put("now", utc(now));
        }
        if (filter.link() != null) {
            conditions.add(column(filter.link().type()) + " = :linkId");
            params.put("linkId", filter.link().id());
        }
        var where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        var statement = jdbc.sql("select * from tasks" + where + ORDER
                + " offset :offset rows fetch next :limit rows only");
        params.forEach(statement::param);
        return statement.param("offset", (long) Math.max(0, filter.offset()))
                .param("limit", Math.max(1, Math.min(filter.limit(), TaskFilter.MAX_LIMIT)))
                .query(TASK).list();
    }

    /** Open tasks that fell due and were not announced yet. */
    List<Long> dueUnannounced(Instant now, int limit) {
        return jdbc.sql("select id from tasks where status = " + OPEN
                        + " and remind_at <= :now and reminded_at is null order by remind_at, id fetch first :limit rows only")
                .param("now", utc(now)).param("limit", limit).query(Long.class).list();
    }

    /** Marks a task as announced; false when another node did it first. */
    boolean markAnnounced(long taskId, Instant now) {
        return jdbc.sql("update tasks set reminded_at = :now where id = :id and reminded_at is null")
                .param("now", utc(now)).param("id", taskId).update() == 1;
    }

    /** A rescheduled or reopened task is announced again when it falls due. */
    void forgetAnnouncement(long taskId) {
        jdbc.sql("update tasks set reminded_at = null where id = :id").param("id", taskId).update();
    }

    /** Two conversations became one: tasks of the merged one follow it into the target. */
    int moveConversationLinks(long fromConversationId, long toConversationId) {
        return jdbc.sql("update tasks set conversation_id = :to where conversation_id = :from")
                .param("to", toConversationId).param("from", fromConversationId).update();
    }

    private static String column(TaskLink.Type type) {
        return switch (type) {
            case OPPORTUNITY -> "opportunity_id";
            case CONVERSATION -> "conversation_id";
            case COMPANY -> "company_id";
            case CONTACT -> "contact_id";
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static TaskView task(ResultSet rs, int row) throws SQLException {
        return new TaskView(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("notes"),
                TaskKind.fromLabel(rs.getString("kind")),
                TaskStatus.fromLabel(rs.getString("status")),
                rs.getObject("due_date", LocalDate.class),
                rs.getObject("due_time", LocalTime.class),
                rs.getString("due_zone"),
                instant(rs, "overdue_at"),
                rs.getLong("assignee_id"),
                "",
                nullableLong(rs, "created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                nullableInstant(rs, "completed_at"),
                nullableLong(rs, "completed_by"),
                nullableInstant(rs, "cancelled_at"),
                nullableLong(rs, "cancelled_by"),
                new TaskLinks(nullableLong(rs, "opportunity_id"), nullableLong(rs, "conversation_id"),
                        nullableLong(rs, "company_id"), nullableLong(rs, "contact_id")),
                rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        var value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
