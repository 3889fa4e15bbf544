package org.opportune.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.conversation.ConversationEvents.NoteAdded;
import org.opportune.identity.IdentityService;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;

/**
 * Internal notes: what the team says about a conversation, never sent to the customer. "@priya" in a
 * note mentions that active user; the note and its mentions are in the activity trail, and
 * {@link NoteAdded} tells the mentioned people (for notifications).
 */
@Service
@Transactional
public class ConversationNotes {

    static final int MAX_LENGTH = 10_000;
    private static final Pattern MENTION = Pattern.compile("(?<![\\w.])@([A-Za-z0-9][A-Za-z0-9._-]{0,62})");

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationNotes(JdbcClient jdbc, IdentityService identity, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds a note.
     *
     * @throws ConversationRuleException when it is empty or too long
     * @throws ConversationNotFoundException when there is no such conversation
     */
    public NoteView add(Actor actor, long conversationId, String body) {
        var text = body.strip();
        if (text.isEmpty()) {
            throw new ConversationRuleException("Write the note first.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ConversationRuleException("A note can be at most " + MAX_LENGTH + " characters long.");
        }
        var exists = jdbc.sql("select count(*) from conversations where id = :id").param("id", conversationId)
                .query(Long.class).single() > 0;
        if (!exists) {
            throw ConversationNotFoundException.forId(conversationId);
        }
        var mentioned = mentioned(text);
        var now = clock.instant();
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into conversation_notes (conversation_id, author_id, author_name, body, mentions, created_at)
                values (:conversation, :authorId, :authorName, :body, :mentions, :at)""")
                .param("conversation", conversationId).param("authorId", actor.userId()).param("authorName", actor.name())
                .param("body", text).param("mentions", String.join(" ", mentioned.keySet()))
                .param("at", now.atOffset(ZoneOffset.UTC))
                .update(key, "id");
        var id = key.getKeyAs(Number.class).longValue();
        events.publishEvent(new NoteAdded(actor, conversationId, id, text, List.copyOf(mentioned.keySet()),
                mentioned.values().stream().map(UserView::id).toList()));
        return new NoteView(id, conversationId, actor.name(), text, List.copyOf(mentioned.keySet()), now);
    }

    @Transactional(readOnly = true)
    public List<NoteView> notes(long conversationId) {
        return jdbc.sql("""
                select id, conversation_id, author_name, body, mentions, created_at from conversation_notes
                where conversation_id = :id order by created_at, id""")
                .param("id", conversationId)
                .query((rs, n) -> new NoteView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).isBlank() ? List.of() : Arrays.asList(rs.getString(5).split(" ")),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The active users the text @mentions, by login name, in the order mentioned. */
    private Map<String, UserView> mentioned(String text) {
        var found = new LinkedHashMap<String, UserView>();
        var matcher = MENTION.matcher(text);
        while (matcher.find()) {
            var name = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("[.]+$", "");
            identity.findByUsername(name).filter(UserView::active).ifPresent(user -> found.putIfAbsent(user.username(), user));
        }
        return found;
    }
}
