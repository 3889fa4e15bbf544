package org.opportune.conversation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.mail.MailMessages;
import org.opportune.shared.SearchText;

/**
 * The shared inbox's lists: conversations by view (unassigned, mine, waiting on us, all open,
 * archived), filtered by mailbox, owner, category and search, newest activity first, with the counts
 * of every view. Pages by offset; the indexes on {@code conversations} serve each view in order.
 */
@Service
@Transactional(readOnly = true)
public class ConversationInbox {

    /** Newsletters and auto-replies never wait for an answer, even when they came last. */
    static final String EXPECTS_ANSWER = "(c.category is null or c.category not in ('bulk', 'auto_reply'))";

    /** The inbox tabs count up to this; beyond, they show "1,000+". */
    public static final int COUNT_CAP = 1_000;

    /** How many matching messages and subjects a search looks at. */
    private static final int SEARCH_LIMIT = 500;

    /**
     * How many of the newest matching messages a search looks at first: enough to fill a page of a view most
     * of the time. Only when they do not fill the page does it look at {@value #SEARCH_LIMIT}. A common word
     * (in a tenth of a million messages) cost a walk over 4,000 messages newest first and a list of 500
     * candidate conversations; the first round is a fifth of that.
     */
    private static final int FIRST_SEARCH = 100;

    private final JdbcClient jdbc;
    private final MailMessages messages;
    private final boolean fullText;

    ConversationInbox(JdbcClient jdbc, MailMessages messages, DataSource dataSource) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.fullText = SearchText.fullText(dataSource);
    }

    public List<InboxRow> list(InboxQuery query) {
        if (query.search() == null || query.search().isBlank()) {
            return list(query, null);
        }
        var others = otherMatches(query.search());
        var first = messageMatches(query.search(), FIRST_SEARCH);
        var rows = list(query, union(others, first.ids()));
        if (first.complete() || rows.size() >= query.limit()) {
            return rows;
        }
        return list(query, union(others, messageMatches(query.search(), SEARCH_LIMIT).ids()));
    }

    private static List<Long> union(List<Long> a, List<Long> b) {
        var ids = new LinkedHashSet<>(a);
        ids.addAll(b);
        return List.copyOf(ids);
    }

    /** The view's rows; with {@code searchIds} only those conversations (and none when it is empty). */
    private List<InboxRow> list(InboxQuery query, @Nullable Collection<Long> searchIds) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        var on = Source.of(query.mailboxId());
        where.add(on.view(query.view()));
        if (query.view() == InboxView.MINE) {
            params.put("me", query.me());
        }
        filters(on, query.mailboxId(), query.ownerId(), query.category(), where, params);
        if (searchIds != null) {
            var ids = new LinkedHashSet<>(searchIds);
            ids.addAll(query.alsoMatches());
            if (ids.isEmpty()) {
                return List.of();
            }
            where.add(on.id() + " in (:searchIds)");
            params.put("searchIds", ids);
        }
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        var rows = jdbc.sql("""
                select c.id, c.subject, c.message_count, c.last_message_at, c.owner_id, c.status, c.waiting_on_us, c.category
                from %s
                where %s
                order by %s.last_message_at desc, %s desc
                limit :limit offset :offset""".formatted(on.from(), String.join(" and ", where), on.alias(), on.id()))
                .params(params)
                .query((rs, n) -> new InboxRow(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, Long.class),
                        "archived".equals(rs.getString(6)), rs.getBoolean(7) && expectsAnswer(rs.getString(8)),
                        rs.getString(8), 0))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        var latest = latestMessages(rows.stream().map(InboxRow::id).toList());
        return rows.stream().map(row -> row.withLastMessageId(latest.getOrDefault(row.id(), 0L))).toList();
    }

    /**
     * Where a view is read from: {@code conversations} itself, or, for one mailbox, that mailbox's rows of
     * {@code conversation_mailboxes}, which carry a copy of the columns the views filter and sort on and are
     * indexed per mailbox the way {@code conversations} is indexed for all (V085).
     */
    private record Source(String table, String alias, String id) {

        static final Source ALL = new Source("conversations c", "c", "c.id");
        static final Source MAILBOX = new Source("conversation_mailboxes x", "x", "x.conversation_id");

        static Source of(@Nullable Long mailboxId) {
            return mailboxId == null ? ALL : MAILBOX;
        }

        /** The list joins the conversations for what the rows show; the counts read {@link #table} alone. */
        String from() {
            return this == MAILBOX ? table + " join conversations c on c.id = x.conversation_id" : table;
        }

        String view(InboxView view) {
            var a = alias + ".";
            return switch (view) {
                case UNASSIGNED -> a + "status = 'open' and " + a + "owner_id is null";
                case MINE -> a + "status = 'open' and " + a + "owner_id = :me";
                case WAITING -> a + "status = 'open' and " + a + "waiting_on_us = true and "
                        + EXPECTS_ANSWER.replace("c.", a);
                case OPEN -> a + "status = 'open'";
                case ARCHIVED -> a + "status = 'archived'";
            };
        }
    }

    /**
     * Open conversations the customer is waiting on us for (they wrote last), newest first: everyone's when
     * {@code ownerId} is null, else this person's and, with {@code alsoUnowned}, the ones nobody owns.
     * Served by the waiting index.
     */
    public List<InboxRow> waitingOnUs(@Nullable Long ownerId, boolean alsoUnowned, int limit) {
        var params = new HashMap<String, Object>();
        var where = waitingCondition(ownerId, alsoUnowned, params);
        params.put("limit", Math.max(0, limit));
        var rows = jdbc.sql("""
                select c.id, c.subject, c.message_count, c.last_message_at, c.owner_id, c.status, c.waiting_on_us, c.category
                from conversations c
                where %s
                order by c.last_message_at desc, c.id desc
                limit :limit""".formatted(where))
                .params(params)
                .query((rs, n) -> new InboxRow(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, Long.class),
                        "archived".equals(rs.getString(6)), rs.getBoolean(7), rs.getString(8), 0))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        var latest = latestMessages(rows.stream().map(InboxRow::id).toList());
        return rows.stream().map(row -> row.withLastMessageId(latest.getOrDefault(row.id(), 0L))).toList();
    }

    /** How many open conversations nobody owns, of this category (of any when null): exact, for the review page. */
    public long countUnassigned(@Nullable String category) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        where.add(Source.ALL.view(InboxView.UNASSIGNED));
        filters(Source.ALL, null, null, category, where, params);
        return jdbc.sql("select count(*) from conversations c where " + String.join(" and ", where)).params(params)
                .query(Long.class).single();
    }

    /** How many conversations {@link #waitingOnUs} finds in all. */
    public long countWaitingOnUs(@Nullable Long ownerId, boolean alsoUnowned) {
        var params = new HashMap<String, Object>();
        var where = waitingCondition(ownerId, alsoUnowned, params);
        return jdbc.sql("select count(*) from conversations c where " + where).params(params).query(Long.class).single();
    }

    private static String waitingCondition(@Nullable Long ownerId, boolean alsoUnowned, Map<String, Object> params) {
        var where = "c.waiting_on_us = true and c.status = 'open'";
        if (ownerId == null) {
            return where;
        }
        params.put("owner", ownerId);
        return where + (alsoUnowned ? " and (c.owner_id = :owner or c.owner_id is null)" : " and c.owner_id = :owner");
    }

    /**
     * How many conversations each view holds, with the same mailbox, owner and category filters, counted up to
     * {@link #COUNT_CAP} + 1: a count above the cap means "more than {@value #COUNT_CAP}". Each view is counted
     * on its own index and stops at the cap, so the counts cost about the same with 2,000 or 200,000 conversations.
     */
    public Map<InboxView, Long> counts(long me, @Nullable Long mailboxId, @Nullable Long ownerId, @Nullable String category) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        var on = Source.of(mailboxId);
        filters(on, mailboxId, ownerId, category, where, params);
        params.put("me", me);
        params.put("cap", COUNT_CAP + 1);
        var filter = where.isEmpty() ? "" : " and " + String.join(" and ", where);
        var views = InboxView.values();
        var select = new StringBuilder("select ");
        for (int i = 0; i < views.length; i++) {
            select.append(i == 0 ? "" : ", ").append("(select count(*) from (select 1 from ").append(on.table())
                    .append(" where ").append(on.view(views[i])).append(filter).append(" limit :cap) v").append(i).append(")");
        }
        var counts = new EnumMap<InboxView, Long>(InboxView.class);
        jdbc.sql(select.toString())
                .params(params)
                .query(rs -> {
                    for (int i = 0; i < views.length; i++) {
                        counts.put(views[i], rs.getLong(i + 1));
                    }
                });
        return counts;
    }

    private static boolean expectsAnswer(@Nullable String category) {
        return category == null || !(category.equals("bulk") || category.equals("auto_reply"));
    }

    private static void filters(Source on, @Nullable Long mailboxId, @Nullable Long ownerId, @Nullable String category,
            List<String> where, Map<String, Object> params) {
        var a = on.alias() + ".";
        if (mailboxId != null) {
            where.add(a + "mailbox_id = :mailbox");
            params.put("mailbox", mailboxId);
        }
        if (ownerId != null) {
            where.add(a + "owner_id = :owner");
            params.put("owner", ownerId);
        }
        if (category != null && !category.isBlank()) {
            where.add(a + "category = :category");
            params.put("category", category);
        }
    }

    /**
     * Conversations whose subject or a participant's address matches: on PostgreSQL by full-text search (each
     * word of the search is a word there, the last may be the start of one; GIN indexes; a conversation's
     * subject is its messages' subject, found by {@link #messageMatches}), on H2 by {@code LIKE} (the search as
     * a substring).
     */
    private List<Long> otherMatches(String search) {
        var ids = new LinkedHashSet<Long>();
        if (fullText) {
            // the search's words as one query (an address is its words here: participants' addresses are indexed
            // split at @ . - _ +), the last as a prefix checked on the rows the whole words found
            var query = SearchText.wordQuery(String.join(" ", search.split("[@.\\-_+]")));
            if (query.isEmpty()) {
                return List.of();
            }
            // subjects: every message's subject is in its search vector, so messages.search below finds them;
            // the participants' matches first (the GIN index), then their conversations
            ids.addAll(query.get().bind(jdbc.sql("""
                    with hits as materialized (
                      select message_id from conversation_message_participants
                      where %s
                      limit :hits)
                    select distinct m.conversation_id from hits h join conversation_messages m on m.message_id = h.message_id
                    limit :limit""".formatted(query.get().condition("to_tsvector('simple', translate(address, '@.-_+', '     '))"))))
                    .param("hits", SEARCH_LIMIT * 4).param("limit", SEARCH_LIMIT)
                    .query(Long.class).list());
        } else {
            var pattern = SearchText.likePattern(search);
            ids.addAll(jdbc.sql("""
                    select id from conversations where lower(subject) like :pattern order by last_message_at desc limit :limit""")
                    .param("pattern", pattern).param("limit", SEARCH_LIMIT).query(Long.class).list());
            ids.addAll(jdbc.sql("""
                    select distinct m.conversation_id from conversation_message_participants p
                    join conversation_messages m on m.message_id = p.message_id
                    where p.address like :pattern
                    limit :limit""")
                    .param("pattern", pattern).param("limit", SEARCH_LIMIT).query(Long.class).list());
        }
        return List.copyOf(ids);
    }

    /** The conversations of the newest {@code messageLimit} messages whose subject, sender or text matches. */
    private SearchIds messageMatches(String search, int messageLimit) {
        var ids = new LinkedHashSet<Long>();
        var messageIds = messages.search(search, messageLimit);
        if (!messageIds.isEmpty()) {
            ids.addAll(jdbc.sql("select distinct conversation_id from conversation_messages where message_id in (:ids)")
                    .param("ids", messageIds).query(Long.class).list());
        }
        return new SearchIds(List.copyOf(ids), messageIds.size() < messageLimit);
    }

    /**
     * The conversations a search found; {@code complete} when every matching message was looked at (a larger
     * limit would find no more).
     */
    private record SearchIds(List<Long> ids, boolean complete) {
    }

    private Map<Long, Long> latestMessages(List<Long> conversationIds) {
        var latest = new HashMap<Long, Long>();
        jdbc.sql("""
                select conversation_id, message_id from (
                  select conversation_id, message_id,
                         row_number() over (partition by conversation_id order by sent_at desc, message_id desc) as position
                  from conversation_messages where conversation_id in (:ids)) ranked
                where position = 1""")
                .param("ids", conversationIds)
                .query(rs -> {
                    latest.put(rs.getLong(1), rs.getLong(2));
                });
        return latest;
    }
}
