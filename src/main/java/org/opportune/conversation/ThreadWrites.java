package org.opportune.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;

import org.opportune.conversation.ConversationEvents.ConversationStatusChanged;
import org.opportune.shared.Actor;

/**
 * What threading writes in one transaction, held back and written together. An import's batch puts
 * hundreds of messages into a few dozen conversations; written message by message, that was a dozen
 * single-row statements per message (issue 3). Here each conversation is locked and loaded once, changed
 * in memory and saved once; memberships, participants, mailbox rows and Message-ID mappings go in as JDBC
 * batches; who wrote last is noted once per conversation, and a customer's message reopens an archived
 * conversation once.
 *
 * <p>The caller decides message by message as before and calls {@link #flush} when it is done, and before
 * anything that reads from the database what is held back here: a merge (it moves the stored rows and
 * reads who wrote last) and the subject fallback's query, when a conversation with held-back changes has
 * the base subject it asks for ({@link #holdsBackBaseSubject}).
 *
 * <p>A new conversation is inserted when flushed too (about every other message of an import starts one).
 * Until then it has a provisional id, above every real one and in the order they were started, so that
 * "the older conversation has the lower id", which merges go by, holds for it as well; {@link #flush} tells
 * the caller the ids the database gave them.
 */
final class ThreadWrites {

    private static final int IN_LIST = 1000;
    private static final long PROVISIONAL = 1L << 62;

    private final ConversationRepository conversations;
    private final ThreadIndex index;
    private final WorkStore work;
    private final ApplicationEventPublisher events;

    /** The conversations whose rows this transaction locked or inserted. */
    private final Set<Long> locked = new HashSet<>();
    /** The conversations loaded or created here, with their changes so far. */
    private final Map<Long, Conversation> loaded = new HashMap<>();
    /** The conversations with something held back, each with the base subject it has in the database. */
    private final Map<Long, String> pending = new HashMap<>();
    /** Those of them whose own columns (subject, dates, count) changed. */
    private final Set<Long> changed = new HashSet<>();
    private final List<ThreadIndex.Member> members = new ArrayList<>();
    private final Map<String, Long> references = new HashMap<>();
    private final Map<Long, WorkStore.Notes> notes = new LinkedHashMap<>();
    /** New conversations not inserted yet, by provisional id, in the order they were started. */
    private final Map<Long, Conversation> started = new LinkedHashMap<>();
    /** The ids the database gave the conversations started here, by provisional id. */
    private final Map<Long, Long> inserted = new HashMap<>();
    private long nextProvisional = PROVISIONAL;

    ThreadWrites(ConversationRepository conversations, ThreadIndex index, WorkStore work, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.index = index;
        this.work = work;
        this.events = events;
    }

    /**
     * Locks and loads these conversations with one statement (per thousand), in id order: those a batch's
     * Message-IDs lead to, which its messages will join. One that no longer exists is left out; joining it
     * fails as it would have.
     */
    void lockAll(Collection<Long> conversationIds) {
        var ids = List.copyOf(new TreeSet<>(conversationIds));
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            conversations.lockAndLoad(ids.subList(from, Math.min(ids.size(), from + IN_LIST))).forEach(this::loaded);
        }
    }

    /** A new conversation with its first message; returns its provisional id. */
    long start(String subject, Instant sentAt, Clock clock) {
        var conversation = Conversation.startWith(subject, sentAt, clock);
        var id = nextProvisional++;
        started.put(id, conversation);
        loaded.put(id, conversation);
        locked.add(id);
        pending.put(id, conversation.baseSubject());
        return id;
    }

    /** The conversation's id in the database, for a provisional one that was flushed; any other id as it is. */
    long stored(long conversationId) {
        return inserted.getOrDefault(conversationId, conversationId);
    }

    /**
     * One more message in a stored conversation, which is locked and loaded the first time. Fails when the
     * conversation was merged into another meanwhile, so that the message is threaded again.
     */
    void join(long id, String subject, Instant sentAt) {
        var conversationId = stored(id);
        var conversation = loaded.get(conversationId);
        if (conversation == null) {
            var found = locked.contains(conversationId)
                    ? conversations.findById(conversationId).orElseThrow()
                    : conversations.lockAndLoad(List.of(conversationId)).stream().findFirst()
                            .orElseThrow(() -> new OptimisticLockingFailureException(
                                    "conversation " + conversationId + " was merged meanwhile"));
            loaded(found);
            conversation = found;
        }
        pending.putIfAbsent(conversationId, conversation.baseSubject());
        conversation.add(subject, sentAt);
        changed.add(conversationId);
    }

    void addMessage(ThreadIndex.Member member) {
        members.add(member);
    }

    void map(Collection<String> messageIdHeaders, long conversationId) {
        messageIdHeaders.forEach(header -> references.put(header, conversationId));
    }

    /** Who wrote last: one of ours, or the customer (which also reopens the conversation if it was archived before). */
    void noteMessage(long conversationId, boolean fromUs, Instant sentAt) {
        notes.merge(conversationId, WorkStore.Notes.of(fromUs, sentAt), WorkStore.Notes::then);
    }

    /**
     * Whether a conversation with held-back writes has this base subject, now or in the database: the subject
     * fallback's query for it would not see them.
     */
    boolean holdsBackBaseSubject(String baseSubjectKey) {
        var key = SubjectNormaliser.truncate(baseSubjectKey);
        return pending.entrySet().stream()
                .anyMatch(e -> e.getValue().equals(key) || loaded.get(e.getKey()).baseSubject().equals(key));
    }

    /**
     * Writes what is held back, with the conversation rows still locked, in the order threading one message
     * wrote it.
     *
     * @return the ids the database gave the new conversations, by their provisional ids
     */
    Map<Long, Long> flush() {
        if (pending.isEmpty()) {
            return Map.of();
        }
        var ids = new HashMap<Long, Long>();
        if (!started.isEmpty()) {
            index.insert(List.copyOf(started.values()));
            started.forEach((provisional, conversation) -> {
                ids.put(provisional, conversation.id());
                loaded.put(conversation.id(), loaded.remove(provisional));
                locked.remove(provisional);
                locked.add(conversation.id());
            });
            inserted.putAll(ids);
            started.clear();
        }
        // a new conversation was inserted as it is now
        index.update(changed.stream().filter(id -> !ids.containsKey(id)).sorted().map(loaded::get).toList());
        index.addMessages(members.stream().map(member -> member.in(stored(member.conversationId()))).toList());
        var mapped = new HashMap<String, Long>();
        references.forEach((header, conversationId) -> mapped.put(header, stored(conversationId)));
        index.map(mapped);
        var noted = new LinkedHashMap<Long, WorkStore.Notes>();
        notes.forEach((conversationId, note) -> noted.put(stored(conversationId), note));
        var before = work.noteMessages(noted);
        noted.forEach((conversationId, note) -> {
            var state = before.get(conversationId);
            if (note.inbound() != null && state.archived() && state.archivedAt() != null
                    && note.inbound().isAfter(state.archivedAt()) && work.reopen(conversationId)) {
                events.publishEvent(new ConversationStatusChanged(Actor.system(), conversationId, false));
            }
        });
        pending.clear();
        changed.clear();
        members.clear();
        references.clear();
        notes.clear();
        return ids;
    }

    /**
     * After a merge (of what was flushed): the target has changed in the database and is loaded again when a
     * message joins it; the merged conversation is gone.
     */
    void merged(long target, long merged) {
        loaded.remove(target);
        loaded.remove(merged);
        locked.add(target);
        locked.remove(merged);
    }

    private void loaded(Conversation conversation) {
        loaded.put(conversation.id(), conversation);
        locked.add(conversation.id());
    }
}
