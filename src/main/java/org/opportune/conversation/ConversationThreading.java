package org.opportune.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;
import org.opportune.conversation.ThreadResolver.Join;
import org.opportune.conversation.ThreadResolver.JoinAndMerge;
import org.opportune.conversation.ThreadResolver.MessageFacts;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MailboxView;
import org.opportune.mail.MessageReceived;
import org.opportune.mail.MessagesReceived;
import org.opportune.shared.Actor;
import org.opportune.shared.BatchEvents;

/**
 * Puts every new message into a conversation, once: a repeated event for a threaded message does
 * nothing.
 *
 * <p>Two messages of one thread may be threaded at the same time, on one node or on several. Both
 * may decide to start a conversation for the same root; the primary key of
 * {@code thread_references} lets only one of them commit, and the other is retried in a new
 * transaction, where it finds the winner's conversation. That is why this listener runs without a
 * transaction of its own and opens one per attempt: on PostgreSQL a failed insert spoils the
 * transaction it ran in.
 */
@Component
class ConversationThreading {

    private static final Logger log = LoggerFactory.getLogger(ConversationThreading.class);
    private static final int MAX_ATTEMPTS = 25;
    /** The column's size; no real address is longer (RFC 5321 path limit). */
    private static final int MAX_ADDRESS_LENGTH = 254;

    private final ThreadResolver resolver;
    private final ThreadIndex index;
    private final ConversationRepository conversations;
    private final ConversationService service;
    private final MailboxService mailboxes;
    private final MailMessages mail;
    private final WorkStore work;
    private final ConversationCategories categories;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReentrantLock batches = new ReentrantLock();

    ConversationThreading(ThreadResolver resolver, ThreadIndex index, ConversationRepository conversations,
            ConversationService service, MailboxService mailboxes, MailMessages mail, WorkStore work,
            ConversationCategories categories, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.resolver = resolver;
        this.index = index;
        this.conversations = conversations;
        this.service = service;
        this.mailboxes = mailboxes;
        this.mail = mail;
        this.work = work;
        this.categories = categories;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A batch of an import: its messages' facts read in one query, then threaded in one transaction, in
     * the order the messages were read, with the Message-IDs of the whole batch looked up in one query and
     * our addresses and domains read once. Where each message goes is decided message by message, as for
     * one alone; the writes are grouped ({@link ThreadWrites}): the conversations the batch's Message-IDs
     * lead to are locked and loaded at the start, and each conversation is inserted or saved once, at the
     * end. Batches are threaded one at a time on this node (they are CPU work, and two batches of the same
     * threads would only collide); when this one collides with a message threaded meanwhile elsewhere
     * (another node, or IMAP sync on this one), it is rolled back and its messages are threaded one by one
     * as if each had come alone, with the retries that path has.
     *
     * <p>The registry finds this listener again by its name and parameter type, also for publications kept
     * from before an upgrade: renaming the method would leave those undelivered.
     */
    @Async(BatchEvents.EXECUTOR)
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessagesReceived batch) {
        threadBatch(mail.received(batch.messageIds()));
    }

    /** {@link #on(MessagesReceived)} once the facts are read (package-private for a measurement with made-up facts). */
    void threadBatch(List<MessageReceived> received) {
        batches.lock();
        try {
            transactions.executeWithoutResult(status -> threadAll(received));
            return;
        } catch (DuplicateKeyException | TransientDataAccessException e) {
            log.debug("Threading a batch of {} raced with another; threading its messages one by one: {}",
                    received.size(), e.getClass().getSimpleName());
        } finally {
            batches.unlock();
        }
        received.forEach(this::on);
    }

    private void threadAll(List<MessageReceived> messages) {
        var done = index.threadedAmong(messages.stream().map(MessageReceived::messageId).toList());
        var todo = messages.stream().filter(m -> !done.contains(m.messageId())).toList();
        if (todo.isEmpty()) {
            return;
        }
        var ids = new LinkedHashSet<String>();
        for (var message : todo) {
            var facts = facts(message);
            ids.add(facts.messageIdHeader());
            ids.addAll(ThreadResolver.ancestorsNearestFirst(facts));
        }
        var known = new HashMap<String, Long>(index.conversationsByMessageId(ids));
        var batch = new Batch(known, ids, ownAddresses(), mailboxes.ownDomains(), new LinkedHashSet<>(),
                new ArrayList<>());
        var writes = writes();
        writes.lockAll(known.values());
        for (var message : todo) {
            thread(message, new IndexLookups(batch, writes), batch, writes);
        }
        batch.renumber(writes.flush());
        categories.recount(batch.touched());
        events.publishEvent(new MessagesThreaded(batch.threaded()));
    }

    /**
     * What the messages of one batch share: the Message-IDs looked up for all of them ({@code asked})
     * and what they lead to ({@code known}, kept up to date as messages are threaded), our addresses
     * and domains, and the conversations to recount at the end.
     */
    private record Batch(Map<String, Long> known, Set<String> asked, Set<String> ownAddresses, Set<String> ownDomains,
            Set<Long> touched, List<MessageThreaded> threaded) {

        void mapped(Collection<String> messageIdHeaders, long conversationId) {
            messageIdHeaders.forEach(id -> known.put(id, conversationId));
        }

        void merged(long merged, long target) {
            known.replaceAll((id, conversation) -> conversation == merged ? target : conversation);
            touched.remove(merged);
            threaded.replaceAll(t -> t.conversationId() == merged ? new MessageThreaded(t.messageId(), target, false) : t);
        }

        /** New conversations were inserted: their provisional ids become these. */
        void renumber(Map<Long, Long> ids) {
            if (ids.isEmpty()) {
                return;
            }
            known.replaceAll((id, conversation) -> ids.getOrDefault(conversation, conversation));
            var renumbered = touched.stream().map(id -> ids.getOrDefault(id, id)).toList();
            touched.clear();
            touched.addAll(renumbered);
            threaded.replaceAll(t -> new MessageThreaded(t.messageId(), ids.getOrDefault(t.conversationId(), t.conversationId()),
                    t.started()));
        }
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageReceived event) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> thread(event));
                return;
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("Threading message {} raced with another, attempt {}: {}", event.messageId(), attempt,
                        e.getClass().getSimpleName());
            }
        }
    }

    private void thread(MessageReceived event) {
        if (index.isThreaded(event.messageId())) {
            return;
        }
        var writes = writes();
        var decided = thread(event, new IndexLookups(null, writes), null, writes);
        writes.flush();
        var threaded = new MessageThreaded(decided.messageId(), writes.stored(decided.conversationId()), decided.started());
        categories.recount(List.of(threaded.conversationId()));
        events.publishEvent(threaded);
    }

    /**
     * Decides where the message goes and hands what that changes to {@code writes}, which writes it when
     * the caller flushes it (one message alone: right after; a batch: at its end). A new conversation has
     * a provisional id until then.
     */
    private MessageThreaded thread(MessageReceived event, IndexLookups lookups, @Nullable Batch batch, ThreadWrites writes) {
        var facts = facts(event);
        var decision = resolver.resolve(facts, lookups);

        long conversationId;
        if (decision instanceof JoinAndMerge merge) {
            // the merge moves the stored messages and Message-IDs and reads who wrote last: store what is held back first
            var ids = writes.flush();
            if (batch != null) {
                batch.renumber(ids);
            }
            var target = writes.stored(merge.target());
            var merged = writes.stored(merge.merged());
            if (index.lock(List.of(target, merged)) < 2) {
                throw new OptimisticLockingFailureException("a conversation to merge was merged meanwhile");
            }
            conversationId = service.merge(Actor.system(), target, merged);
            writes.merged(conversationId, merged);
            if (batch != null) {
                batch.merged(merged, conversationId);
            }
            writes.join(conversationId, event.subject(), event.sentAt());
        } else if (decision instanceof Join join) {
            conversationId = join.conversationId();
            writes.join(conversationId, event.subject(), event.sentAt());
        } else {
            conversationId = writes.start(event.subject(), event.sentAt(), clock);
        }
        record(conversationId, event, facts, lookups.seen, writes);
        var fromUs = WorkStore.isOwn(event.fromAddress(), batch == null ? mailboxes.ownDomains() : batch.ownDomains());
        writes.noteMessage(conversationId, fromUs, event.sentAt());
        var threaded = new MessageThreaded(event.messageId(), conversationId, decision instanceof ThreadResolver.StartNew);
        if (batch != null) {
            batch.touched().add(conversationId);
            var mapped = new ArrayList<String>();
            mapped.add(facts.messageIdHeader());
            mapped.addAll(ThreadResolver.ancestorsNearestFirst(facts));
            mapped.removeIf(lookups.seen::containsKey);
            batch.mapped(mapped, conversationId);
            batch.threaded().add(threaded);
        }
        return threaded;
    }

    /**
     * The membership, and the message's own and referenced Message-IDs that led nowhere when the decision
     * was taken. Not re-read when written: if another transaction mapped one of them meanwhile, the insert
     * must fail, so that the retry decides again with what that one did.
     */
    private static void record(long conversationId, MessageReceived event, MessageFacts facts, Map<String, Long> seen,
            ThreadWrites writes) {
        writes.addMessage(new ThreadIndex.Member(event.messageId(), conversationId, facts.messageIdHeader(), event.subject(),
                event.sentAt(), event.mailboxId(), fromAddress(event), facts.participants()));
        var ids = new ArrayList<String>();
        ids.add(facts.messageIdHeader());
        ids.addAll(ThreadResolver.ancestorsNearestFirst(facts));
        writes.map(ids.stream().filter(id -> !seen.containsKey(id)).toList(), conversationId);
    }

    private ThreadWrites writes() {
        return new ThreadWrites(conversations, index, work, events);
    }

    /**
     * The resolver's view of the index; remembers which Message-IDs it found, for {@link #record}. In a
     * batch, Message-IDs come from what the batch looked up and threaded so far, and the subject fallback
     * sees the writes held back so far.
     */
    private final class IndexLookups implements ThreadResolver.Lookups {

        private final Map<String, Long> seen = new HashMap<>();
        private final @Nullable Batch batch;
        private final ThreadWrites writes;
        /** Read only when the subject fallback asks: most messages thread by Message-ID and never need it. */
        private @Nullable Set<String> ownAddresses;

        IndexLookups(@Nullable Batch batch, ThreadWrites writes) {
            this.batch = batch;
            this.writes = writes;
            this.ownAddresses = batch == null ? null : batch.ownAddresses();
        }

        @Override
        public Map<String, Long> conversationsByMessageId(Collection<String> messageIdHeaders) {
            Map<String, Long> found;
            if (batch != null && batch.asked().containsAll(messageIdHeaders)) {
                found = new HashMap<>();
                for (var id : messageIdHeaders) {
                    var conversation = batch.known().get(id);
                    if (conversation != null) {
                        found.put(id, conversation);
                    }
                }
            } else {
                found = index.conversationsByMessageId(messageIdHeaders);
            }
            seen.putAll(found);
            return found;
        }

        @Override
        public List<ThreadResolver.Candidate> conversationsWithBaseSubject(String key, Instant from, Instant to) {
            if (writes.holdsBackBaseSubject(key)) {
                // the query reads the candidates' dates and participants from the database
                var ids = writes.flush();
                if (batch != null) {
                    batch.renumber(ids);
                }
            }
            return index.conversationsWithBaseSubject(key, from, to);
        }

        @Override
        public boolean isOwnAddress(String address) {
            if (ownAddresses == null) {
                ownAddresses = ownAddresses();
            }
            return ownAddresses.contains(address);
        }
    }

    private static MessageFacts facts(MessageReceived event) {
        var participants = new LinkedHashSet<String>();
        if (!event.fromAddress().isBlank()) {
            participants.add(event.fromAddress().toLowerCase(Locale.ROOT));
        }
        event.participants().stream().filter(a -> !a.isBlank()).map(a -> a.toLowerCase(Locale.ROOT))
                .forEach(participants::add);
        participants.removeIf(address -> address.length() > MAX_ADDRESS_LENGTH);
        return new MessageFacts(event.messageIdHeader().strip(), event.inReplyTo(), event.references(), event.subject(),
                participants, event.sentAt());
    }

    private static String fromAddress(MessageReceived event) {
        var from = event.fromAddress().toLowerCase(Locale.ROOT);
        return from.length() <= MAX_ADDRESS_LENGTH ? from : "";
    }

    private Set<String> ownAddresses() {
        return mailboxes.mailboxes().stream().map(MailboxView::address).collect(Collectors.toSet());
    }
}
