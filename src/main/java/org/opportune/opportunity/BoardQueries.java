package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The board's queries: per stage, the first cards (open ones by next action due date, closed ones newest
 * first) and the count and value per currency. The WHERE clause is assembled only from the fixed fragments
 * below; every value travels as a named parameter.
 */
@Component
class BoardQueries {

    /** One stage's count and value total in one currency. */
    record Total(String stageKey, String currency, long count, @Nullable BigDecimal sum) {
    }

    private final JdbcClient jdbc;

    BoardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of at most {@code limit} cards of one stage. */
    List<Long> ids(StageView stage, BoardFilter filter, @Nullable Long me, LocalDate today, Instant stalledBefore,
            Instant closedSince, int limit) {
        var params = new LinkedHashMap<String, Object>();
        var where = where(filter, me, today, stalledBefore, closedSince, params);
        params.put("stage", stage.key());
        var order = stage.open() ? " order by next_action_due nulls last, id" : " order by closed_at desc, id desc";
        var statement = jdbc.sql("select id from opportunities where stage_key = :stage and " + where + order
                + " fetch first :size rows only");
        params.forEach(statement::param);
        return statement.param("size", limit).query(Long.class).list();
    }

    /** Count and value sum per stage and currency of everything the filter matches. */
    List<Total> totals(BoardFilter filter, @Nullable Long me, LocalDate today, Instant stalledBefore, Instant closedSince) {
        var params = new LinkedHashMap<String, Object>();
        var where = where(filter, me, today, stalledBefore, closedSince, params);
        var statement = jdbc.sql("select stage_key, currency, count(*) as n, sum(value_amount) as total from opportunities where "
                + where + " group by stage_key, currency");
        params.forEach(statement::param);
        return statement.query((rs, i) -> new Total(rs.getString("stage_key"), rs.getString("currency"), rs.getLong("n"),
                rs.getBigDecimal("total"))).list();
    }

    /** When each opportunity entered its current stage. */
    Map<Long, Instant> enteredCurrentStage(Collection<Long> ids) {
        var result = new HashMap<Long, Instant>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("select opportunity_id, entered_at from opportunity_stage_history where left_at is null and opportunity_id in (:ids)")
                .param("ids", ids)
                .query((rs, i) -> {
                    result.put(rs.getLong("opportunity_id"), rs.getObject("entered_at", OffsetDateTime.class).toInstant());
                    return null;
                }).list();
        return result;
    }

    private static String where(BoardFilter filter, @Nullable Long me, LocalDate today, Instant stalledBefore,
            Instant closedSince, Map<String, Object> params) {
        var conditions = new ArrayList<String>();
        conditions.add("(outcome is null or closed_at >= :closedSince)");
        params.put("closedSince", closedSince.atOffset(ZoneOffset.UTC));
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
        var mailbox = filter.mailbox() == null ? "" : filter.mailbox().strip().toLowerCase(Locale.ROOT);
        if (!mailbox.isEmpty()) {
            conditions.add("source = 'mailbox' and lower(source_detail) = :mailbox");
            params.put("mailbox", mailbox);
        }
        if (filter.overdue()) {
            conditions.add("outcome is null and next_action_due < :today");
            params.put("today", today);
        }
        if (filter.stalled()) {
            conditions.add("outcome is null and updated_at < :stalledBefore");
            params.put("stalledBefore", stalledBefore.atOffset(ZoneOffset.UTC));
        }
        return String.join(" and ", conditions);
    }
}
