package org.opportune.opportunity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import org.opportune.shared.Actor;

/**
 * The SQL of opportunities: the row itself (saved only if its version is still the one loaded), the claim
 * (one atomic conditional update), field changes, stage history and linked conversations.
 */
@Repository
class OpportunityStore {

    private static final String COLUMNS = """
            id, title, description, company_id, contact_id, value_amount, currency, source, source_detail, owner_id,
            stage_key, next_action, next_action_due, expected_close, probability, probability_overridden, outcome,
            lost_reason, outcome_note, closed_at, created_at, created_by, updated_at, version""";

    private final JdbcClient jdbc;

    OpportunityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Opportunity> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from opportunities where id = :id")
                .param("id", id)
                .query(OpportunityStore::opportunity)
                .optional();
    }

    /** The opportunities with these ids, in the order of {@code ids}. */
    List<Opportunity> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new java.util.HashMap<Long, Opportunity>();
        jdbc.sql("select " + COLUMNS + " from opportunities where id in (:ids)")
                .param("ids", ids)
                .query(OpportunityStore::opportunity)
                .list()
                .forEach(o -> byId.put(o.id(), o));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Locks the row until the transaction ends, so two changes of one opportunity run one after the other. */
    Optional<Opportunity> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from opportunities where id = :id for update")
                .param("id", id)
                .query(OpportunityStore::opportunity)
                .optional();
    }

    long insert(Opportunity o) {
        var keys = new GeneratedKeyHolder();
        bind(jdbc.sql("""
                insert into opportunities (title, description, company_id, contact_id, value_amount, currency, source,
                    source_detail, owner_id, stage_key, next_action, next_action_due, expected_close, probability,
                    probability_overridden, outcome, lost_reason, outcome_note, closed_at, created_at, created_by,
                    updated_at, version)
                values (:title, :description, :companyId, :contactId, :value, :currency, :source, :sourceDetail,
                    :ownerId, :stageKey, :nextAction, :nextActionDue, :expectedClose, :probability,
                    :probabilityOverridden, :outcome, :lostReason, :outcomeNote, :closedAt, :createdAt, :createdBy,
                    :updatedAt, 0)"""), o)
                .update(keys, "id");
        o.id = keys.getKeyAs(Long.class);
        return o.id();
    }

    /** Saves the opportunity as the next version; false when its version is no longer {@code o.version}. */
    boolean update(Opportunity o, Instant now) {
        o.updatedAt = now;
        var updated = bind(jdbc.sql("""
                update opportunities set title = :title, description = :description, company_id = :companyId,
                    contact_id = :contactId, value_amount = :value, currency = :currency, source = :source,
                    source_detail = :sourceDetail, owner_id = :ownerId, stage_key = :stageKey, next_action = :nextAction,
                    next_action_due = :nextActionDue, expected_close = :expectedClose, probability = :probability,
                    probability_overridden = :probabilityOverridden, outcome = :outcome, lost_reason = :lostReason,
                    outcome_note = :outcomeNote, closed_at = :closedAt, updated_at = :updatedAt, version = version + 1
                where id = :id and version = :version"""), o)
                .param("id", o.id())
                .param("version", o.version)
                .update();
        if (updated == 1) {
            o.version++;
        }
        return updated == 1;
    }

    /**
     * The claim: one conditional update, so of any number of simultaneous claims exactly one finds the
     * opportunity unowned (the database serialises the updates of one row).
     *
     * @return the new version, or empty when it is owned already (or closed, or gone)
     */
    Optional<Integer> claim(long id, long userId, Instant now) {
        var updated = jdbc.sql("""
                update opportunities set owner_id = :userId, updated_at = :now, version = version + 1
                where id = :id and owner_id is null and outcome is null""")
                .param("userId", userId)
                .param("now", utc(now))
                .param("id", id)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select version from opportunities where id = :id").param("id", id)
                .query(Integer.class).single());
    }

    Optional<Long> ownerOf(long id) {
        return jdbc.sql("select owner_id from opportunities where id = :id").param("id", id)
                .query((rs, n) -> nullableLong(rs, "owner_id")).optional().flatMap(Optional::ofNullable);
    }

    void recordChanges(long opportunityId, int version, List<Opportunity.Change> changes, Actor actor, Instant now) {
        for (var change : changes) {
            jdbc.sql("""
                    insert into opportunity_changes (opportunity_id, version, field, before_value, after_value, actor_id,
                        actor_name, changed_at)
                    values (:id, :version, :field, :before, :after, :actorId, :actorName, :at)""")
                    .param("id", opportunityId)
                    .param("version", version)
                    .param("field", change.field())
                    .param("before", cut(change.before()))
                    .param("after", cut(change.after()))
                    .param("actorId", actor.userId())
                    .param("actorName", actor.name())
                    .param("at", utc(now))
                    .update();
        }
    }

    /** The recorded changes of versions after {@code version}, oldest first. */
    List<StoredChange> changesSince(long opportunityId, int version) {
        return jdbc.sql("""
                select field, before_value, after_value, actor_name, changed_at from opportunity_changes
                where opportunity_id = :id and version > :version order by version, id""")
                .param("id", opportunityId)
                .param("version", version)
                .query((rs, n) -> new StoredChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    record StoredChange(String field, @Nullable String before, @Nullable String after, String actorName, Instant at) {
    }

    // --- stage history ---

    void enterStage(long opportunityId, String stageKey, Actor actor, Instant now) {
        jdbc.sql("update opportunity_stage_history set left_at = :now where opportunity_id = :id and left_at is null")
                .param("now", utc(now))
                .param("id", opportunityId)
                .update();
        jdbc.sql("""
                insert into opportunity_stage_history (opportunity_id, stage_key, entered_at, entered_by, entered_by_name)
                values (:id, :stage, :now, :by, :byName)""")
                .param("id", opportunityId)
                .param("stage", stageKey)
                .param("now", utc(now))
                .param("by", actor.userId())
                .param("byName", actor.name())
                .update();
    }

    record HistoryRow(String stageKey, Instant enteredAt, @Nullable Instant leftAt, String enteredBy) {
    }

    List<HistoryRow> history(long opportunityId) {
        return jdbc.sql("""
                select stage_key, entered_at, left_at, entered_by_name from opportunity_stage_history
                where opportunity_id = :id order by entered_at, id""")
                .param("id", opportunityId)
                .query((rs, n) -> new HistoryRow(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        instant(rs, 3), rs.getString(4)))
                .list();
    }

    // --- conversations ---

    /** @return false when it was linked already */
    boolean link(long opportunityId, long conversationId, Actor actor, Instant now) {
        var exists = jdbc.sql("""
                select count(*) from opportunity_conversations where opportunity_id = :id and conversation_id = :c""")
                .param("id", opportunityId).param("c", conversationId).query(Long.class).single() > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("""
                insert into opportunity_conversations (opportunity_id, conversation_id, linked_at, linked_by)
                values (:id, :c, :now, :by)""")
                .param("id", opportunityId).param("c", conversationId).param("now", utc(now)).param("by", actor.userId())
                .update();
        return true;
    }

    boolean unlink(long opportunityId, long conversationId) {
        return jdbc.sql("delete from opportunity_conversations where opportunity_id = :id and conversation_id = :c")
                .param("id", opportunityId).param("c", conversationId).update() > 0;
    }

    List<Long> conversationsOf(long opportunityId) {
        return jdbc.sql("select conversation_id from opportunity_conversations where opportunity_id = :id order by linked_at, conversation_id")
                .param("id", opportunityId).query(Long.class).list();
    }

    record ConversationStage(long conversationId, String stageKey) {
    }

    /** Each conversation's opportunities' stages, open ones first, then the latest. */
    List<ConversationStage> stagesOfConversations(java.util.Collection<Long> conversationIds) {
        return jdbc.sql("""
                select l.conversation_id, o.stage_key from opportunity_conversations l
                join opportunities o on o.id = l.opportunity_id
                where l.conversation_id in (:ids)
                order by l.conversation_id, case when o.outcome is null then 0 else 1 end, o.id desc""")
                .param("ids", List.copyOf(conversationIds))
                .query((rs, n) -> new ConversationStage(rs.getLong(1), rs.getString(2)))
                .list();
    }

    List<Long> opportunitiesOfConversation(long conversationId) {
        return jdbc.sql("select opportunity_id from opportunity_conversations where conversation_id = :c order by opportunity_id")
                .param("c", conversationId).query(Long.class).list();
    }

    /** Moves the links of a conversation that was merged into another; idempotent. */
    void moveLinks(long fromConversationId, long toConversationId) {
        jdbc.sql("""
                delete from opportunity_conversations where conversation_id = :from and opportunity_id in
                    (select opportunity_id from opportunity_conversations where conversation_id = :to)""")
                .param("from", fromConversationId).param("to", toConversationId).update();
        jdbc.sql("update opportunity_conversations set conversation_id = :to where conversation_id = :from")
                .param("from", fromConversationId).param("to", toConversationId).update();
    }

    long countOpenInStage(String stageKey) {
        return jdbc.sql("select count(*) from opportunities where stage_key = :stage and outcome is null")
                .param("stage", stageKey).query(Long.class).single();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Opportunity o) {
        return statement
                .param("title", o.title)
                .param("description", o.description)
                .param("companyId", o.companyId)
                .param("contactId", o.contactId)
                .param("value", o.value)
                .param("currency", o.currency)
                .param("source", o.source.key())
                .param("sourceDetail", o.sourceDetail)
                .param("ownerId", o.ownerId)
                .param("stageKey", o.stageKey)
                .param("nextAction", o.nextAction)
                .param("nextActionDue", o.nextActionDue)
                .param("expectedClose", o.expectedClose)
                .param("probability", o.probability)
                .param("probabilityOverridden", o.probabilityOverridden)
                .param("outcome", o.outcome == null ? null : o.outcome.label())
                .param("lostReason", o.lostReason)
                .param("outcomeNote", o.outcomeNote)
                .param("closedAt", o.closedAt == null ? null : utc(o.closedAt))
                .param("createdAt", utc(o.createdAt))
                .param("createdBy", o.createdBy)
                .param("updatedAt", utc(o.updatedAt));
    }

    private static Opportunity opportunity(ResultSet rs, int row) throws SQLException {
        var o = new Opportunity(rs.getString("title"), rs.getString("currency"), Source.parse(rs.getString("source")),
                rs.getString("stage_key"), rs.getInt("probability"), instant(rs, "created_at"),
                nullableLong(rs, "created_by"));
        o.id = rs.getLong("id");
        o.description = rs.getString("description");
        o.companyId = nullableLong(rs, "company_id");
        o.contactId = nullableLong(rs, "contact_id");
        o.value = rs.getBigDecimal("value_amount");
        o.sourceDetail = rs.getString("source_detail");
        o.ownerId = nullableLong(rs, "owner_id");
        o.nextAction = rs.getString("next_action");
        o.nextActionDue = rs.getObject("next_action_due", LocalDate.class);
        o.expectedClose = rs.getObject("expected_close", LocalDate.class);
        o.probabilityOverridden = rs.getBoolean("probability_overridden");
        var outcome = rs.getString("outcome");
        o.outcome = outcome == null ? null : Outcome.parse(outcome);
        o.lostReason = rs.getString("lost_reason");
        o.outcomeNote = rs.getString("outcome_note");
        o.closedAt = instant(rs, "closed_at");
        o.updatedAt = instant(rs, "updated_at");
        o.version = rs.getInt("version");
        return o;
    }

    static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        var value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String cut(@Nullable String value) {
        return value == null || value.length() <= 4000 ? value : value.substring(0, 4000);
    }

}
