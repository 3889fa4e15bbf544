package org.opportune.opportunity;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists of opportunities. The WHERE clause is assembled only from the fixed fragments below; every value
 * travels as a named parameter. Open ones come by next action due date (most urgent first), closed ones
 * by closing time.
 */
@Component
class OpportunityQueries {

    static final int PAGE_SIZE = 100;

    private final JdbcClient jdbc;

    OpportunityQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of one page of matching opportunities, in list order. */
    List<Long> ids(OpportunityFilter filter, @Nullable Long me) {
        var conditions = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        var state = filter.state() == null || filter.state().isBlank() ? "open" : filter.state().strip();
        switch (state) {
            case "all" -> { }
            case "closed" -> conditions.add("outcome is not null");
            case "won" -> conditions.add("outcome = 'won'");
            case "lost" -> conditions.add("outcome = 'lost'");
            default -> conditions.add("outcome is null");
        }
        if (filter.stage() != null && !filter.stage().isBlank()) {
            conditions.add("stage_key = :stage");
            params.put("stage", filter.stage().strip());
        }
        var owner = filter.owner() == null ? "" : filter.owner().strip();
        if (owner.equals("none")) {
            conditions.add("owner_id is null");
        } else if (owner.equals("me")) {
            conditions.add("owner_id = :owner");
            params.put("owner", me == null ? -1L : me);
        } else if (owner.matches("\\d{1,18}")) {
            conditions.add("owner_id = :owner");
            params.put("owner", Long.parseLong(owner));
        }
        var where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        var order = state.equals("open") ? " order by next_action_due, id" : " order by closed_at desc, id desc";
        var statement = jdbc.sql("select id from opportunities" + where + order
                + " offset :offset rows fetch next :size rows only");
        params.forEach(statement::param);
        return statement.param("offset", (long) Math.max(0, filter.page()) * PAGE_SIZE)
                .param("size", PAGE_SIZE)
                .query(Long.class)
                .list();
    }

    /** The ids of the first open opportunities of a review queue, most urgent next action first. */
    List<Long> openIds(OpenOpportunityQuery query) {
        var params = new LinkedHashMap<String, Object>();
        var where = openConditions(query, params);
        var statement = jdbc.sql("select id from opportunities where " + where
                + " order by next_action_due, id offset 0 rows fetch next :size rows only");
        params.forEach(statement::param);
        return statement.param("size", query.limit()).query(Long.class).list();
    }

    long countOpen(OpenOpportunityQuery query) {
        var params = new LinkedHashMap<String, Object>();
        var statement = jdbc.sql("select count(*) from opportunities where " + openConditions(query, params));
        params.forEach(statement::param);
        return statement.query(Long.class).single();
    }

    private static String openConditions(OpenOpportunityQuery query, LinkedHashMap<String, Object> params) {
        var conditions = new ArrayList<String>();
        conditions.add("outcome is null");
        if (query.ownerId() != null) {
            conditions.add(query.unowned() ? "(owner_id = :owner or owner_id is null)" : "owner_id = :owner");
            params.put("owner", query.ownerId());
        } else if (query.unowned()) {
            conditions.add("owner_id is null");
        }
        if (query.dueOnOrBefore() != null) {
            conditions.add("next_action_due <= :due");
            params.put("due", query.dueOnOrBefore());
        }
        if (query.stages() != null) {
            if (query.stages().isEmpty()) {
                conditions.add("1 = 0");
            } else {
                conditions.add("stage_key in (:stages)");
                params.put("stages", List.copyOf(query.stages()));
            }
        }
        if (query.unchangedSince() != null) {
            conditions.add("updated_at < :unchangedSince");
            params.put("unchangedSince", query.unchangedSince().atOffset(ZoneOffset.UTC));
        }
        return String.join(" and ", conditions);
    }
}
