package org.opportune.triage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.opportune.shared.IdList;
import org.opportune.triage.TriageRules.RuleEdit;

/** The triage tables, through {@link JdbcClient}. */
@Repository
class TriageStore {

    private static final String INSERT = """
            insert into message_triage (message_id, category, confidence, explanation, matched_rules, classified_at)
            values (:id, :category, :confidence, :explanation, :rules, :at)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    TriageStore(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    Optional<TriageView> find(long messageId) {
        return jdbc.sql("""
                select message_id, category, confidence, explanation, matched_rules, classified_at, overridden_by, overridden_at
                from message_triage where message_id = :id""")
                .param("id", messageId)
                .query((rs, n) -> new TriageView(rs.getLong("message_id"), Category.fromLabel(rs.getString("category")),
                        rs.getBigDecimal("confidence").doubleValue(), rs.getString("explanation"),
                        rules(rs.getString("matched_rules")), instant(rs.getObject("classified_at", OffsetDateTime.class)),
                        rs.getString("overridden_by"), nullableInstant(rs.getObject("overridden_at", OffsetDateTime.class))))
                .optional();
    }

    /** Which of these messages have a triage. */
    Set<Long> triagedAmong(List<Long> messageIds) {
        var triaged = new HashSet<Long>();
        for (int from = 0; from < messageIds.size(); from += 500) {
            triaged.addAll(jdbc.sql("select message_id from message_triage where message_id in ("
                            + IdList.literal(messageIds.subList(from, Math.min(messageIds.size(), from + 500))) + ")")
                    .query(Long.class).list());
        }
        return triaged;
    }

    /** Stores the triage of these messages, as one JDBC batch. */
    void insertAll(Map<Long, TriageResult> results, Instant at) {
        if (results.isEmpty()) {
            return;
        }
        var rows = results.entrySet().stream().map(e -> new MapSqlParameterSource()
                        .addValue("id", e.getKey())
                        .addValue("category", e.getValue().category().label())
                        .addValue("confidence", BigDecimal.valueOf(e.getValue().confidence()))
                        .addValue("explanation", truncate(e.getValue().explanation(), 2000))
                        .addValue("rules", truncate(String.join(",", e.getValue().matchedRules()), 2000))
                        .addValue("at", at.atOffset(ZoneOffset.UTC)))
                .toArray(MapSqlParameterSource[]::new);
        batch.batchUpdate(INSERT, rows);
    }

    void override(long messageId, Category category, String by, Instant at) {
        jdbc.sql("""
                update message_triage set category = :category, overridden_by = :by, overridden_at = :at
                where message_id = :id""")
                .param("id", messageId).param("category", category.label()).param("by", by)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<Category> senderOverride(String address) {
        return jdbc.sql("select category from triage_sender_overrides where sender_address = :address")
                .param("address", address).query(String.class).optional().map(Category::fromLabel);
    }

    void rememberSender(String address, Category category, String by, Instant at) {
        var updated = jdbc.sql("""
                update triage_sender_overrides set category = :category, created_by = :by, created_at = :at
                where sender_address = :address""")
                .param("address", address).param("category", category.label()).param("by", by)
                .param("at", at.atOffset(ZoneOffset.UTC)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into triage_sender_overrides (sender_address, category, created_by, created_at)
                    values (:address, :category, :by, :at)""")
                    .param("address", address).param("category", category.label()).param("by", by)
                    .param("at", at.atOffset(ZoneOffset.UTC)).update();
        }
    }

    List<RuleEdit> ruleEdits() {
        return jdbc.sql("select rule_id, category, language, location, kind, weight, pattern, negatable, enabled from triage_rules order by rule_id")
                .query((rs, n) -> new RuleEdit(TriageRule.of(rs.getString("rule_id"), Category.fromLabel(rs.getString("category")),
                        rs.getString("language"), rs.getString("location"), rs.getString("kind"),
                        rs.getBigDecimal("weight").doubleValue(), rs.getString("pattern"), rs.getBoolean("negatable")),
                        rs.getBoolean("enabled")))
                .list();
    }

    /** Inserts or replaces an admin's edit of one rule. */
    void saveRule(RuleEdit edit, String by, Instant at) {
        var rule = edit.rule();
        jdbc.sql("delete from triage_rules where rule_id = :id").param("id", rule.id()).update();
        jdbc.sql("""
                insert into triage_rules (rule_id, category, language, location, kind, weight, pattern, negatable, enabled,
                                          updated_by, updated_at)
                values (:id, :category, :language, :location, :kind, :weight, :pattern, :negatable, :enabled, :by, :at)""")
                .param("id", rule.id()).param("category", rule.category().label()).param("language", rule.language())
                .param("location", rule.where()).param("kind", rule.kind()).param("weight", BigDecimal.valueOf(rule.weight()))
                .param("pattern", rule.pattern()).param("negatable", rule.negatable()).param("enabled", edit.enabled())
                .param("by", by).param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The most recently stored messages that have a triage, newest first. */
    List<StoredTriage> latest(int limit) {
        return jdbc.sql("""
                select message_id, category, overridden_by from message_triage
                order by message_id desc
                fetch first :limit rows only""")
                .param("limit", limit)
                .query((rs, n) -> new StoredTriage(rs.getLong("message_id"), Category.fromLabel(rs.getString("category")),
                        rs.getString("overridden_by") != null))
                .list();
    }

    record StoredTriage(long messageId, Category category, boolean overridden) {
    }

    private static List<String> rules(@Nullable String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
