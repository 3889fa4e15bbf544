package org.opportune.activity;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Filtering and paging the trail. The WHERE clause is assembled only from the fixed fragments
 * below; every value the user typed travels as a named parameter.
 */
@Component
class ActivityQueries {

    private final JdbcClient jdbc;

    ActivityQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ActivitySlice page(ActivityFilter filter, int page, int size) {
        var where = where(filter);
        var total = bind(jdbc.sql("select count(*) from activity_entries" + where.sql()), where.params())
                .query(Long.class).single();
        var entries = bind(jdbc.sql("select * from activity_entries" + where.sql()
                        + " order by id desc offset :offset rows fetch next :size rows only"), where.params())
                .param("offset", (long) page * size)
                .param("size", size)
                .query(ActivityStore.ENTRY)
                .list();
        return new ActivitySlice(entries, total, page, size);
    }

    /** Entries matching the filter with an id below {@code beforeId}, newest first: for exporting in batches. */
    List<ActivityEntry> batchBefore(ActivityFilter filter, long beforeId, int limit) {
        var where = where(filter);
        var sql = "select * from activity_entries" + where.sql() + (where.sql().isEmpty() ? " where" : " and")
                + " id < :before order by id desc fetch first :limit rows only";
        return bind(jdbc.sql(sql), where.params())
                .param("before", beforeId)
                .param("limit", limit)
                .query(ActivityStore.ENTRY)
                .list();
    }

    private static Where where(ActivityFilter filter) {
        var conditions = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        if (filter.actor() != null) {
            conditions.add("lower(actor_name) = lower(:actor)");
            params.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            conditions.add("action like :action escape '\\'");
            params.put("action", escapeLike(filter.action()) + "%");
        }
        if (filter.subjectType() != null) {
            conditions.add("subject_type = :subjectType");
            params.put("subjectType", filter.subjectType());
        }
        if (filter.subjectId() != null) {
            conditions.add("subject_id = :subjectId");
            params.put("subjectId", filter.subjectId());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", filter.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", filter.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Map<String, Object> params) {
        params.forEach(statement::param);
        return statement;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Where(String sql, Map<String, Object> params) {
    }
}
