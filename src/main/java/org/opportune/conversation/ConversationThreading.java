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

import org.opportune.conversation.ConversationEvents.ConversationStatusChanged;
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
     * our addresses and domains read once. Batches are threaded one at a time on this node (they are CPU
     * work, and two batches of the same threads would only collide); when this one collides with a message
     * threaded meanwhile elsewhere (another node, or IMAP sync on this one), it is rolled back and its
     * messages are threaded one by one as if each had come alone, with the retries that path has.
     *
     * <p>The registry finds this listener again by its name and parameter type, also for publications kept
     * from before an upgrade: renaming the method would leave those undelivered.
     */
    @Async(BatchEvents.EXECUTOR)
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessagesReceived batch) {
        var received = mail.received(batch.messageIds());
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
        for (var message : todo) {
            thread(message, new IndexLookups(batch), batch);
        }
        batch.touched().forEach(categories::recount);
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
        thread(event, new IndexLookups(null), null);
    }

    private void thread(MessageReceived event, IndexLookups lookups, @Nullable Batch batch) {
        var facts = facts(event);
        var decision = resolver.resolve(facts, lookups);

        long conversationId;
        if (decision instanceof JoinAndMerge merge) {
            if (index.lock(List.of(merge.target(), merge.merged())) < 2) {
                throw new OptimisticLockingFailureException("a conversation to merge was merged meanwhile");
            }
            conversationId = service.merge(Actor.system(), merge.target(), merge.merged());
            if (batch != null) {
                batch.merged(merge.merged(), conversationId);
            }
            join(conversationId, event, facts, lookups.seen);
        } else if (decision instanceof Join join) {
            conversationId = join.conversationId();
            join(conversationId, event, facts, lookups.seen);
        } else {
            conversationId = conversations.save(Conversation.startWith(event.subject(), event.sentAt(), clock)).id();
            record(conversationId, event, facts, lookups.seen);
        }
        noteDirection(conversationId, event, batch == null ? mailboxes.ownDomains() : batch.ownDomains());
        if (batch == null) {
            categories.recount(conversationId);
        } else {
            batch.touched().add(conversationId);
            var mapped = new ArrayList<String>();
            mapped.add(facts.messageIdHeader());
            mapped.addAll(ThreadResolver.ancestorsNearestFirst(facts));
            mapped.removeIf(lookups.seen::containsKey);
            batch.mapped(mapped, conversationId);
        }
        var threaded = new MessageThreaded(event.messageId(), conversationId, decision instanceof ThreadResolver.StartNew);
        if (batch == null) {
            events.publishEvent(threaded);
        } else {
            batch.threaded().add(threaded);
        }
    }

    private void join(long conversationId, MessageReceived event, MessageFacts facts, Map<String, Long> seen) {
        if (index.lock(List.of(conversationId)) == 0) {
            throw new OptimisticLockingFailureException("conversation " + conversationId + " was merged meanwhile");
        }
        var conversation = conversations.findById(conversationId).orElseThrow();
        conversation.add(event.subject(), event.sentAt());
        conversations.save(conversation);
        record(conversationId, event, facts, seen);
    }

    /**
     * Stores the membership and maps the message's own and referenced Message-IDs that led nowhere
     * when the decision was taken. Not re-read here: if another transaction mapped one of them
     * meanwhile, the insert must fail, so that the retry decides again with what that one did.
     */
    private void record(long conversationId, MessageReceived event, MessageFacts facts, Map<String, Long> seen) {
        index.addMessage(conversationId, event.messageId(), facts.messageIdHeader(), event.subject(), event.sentAt(),
                event.mailboxId(), fromAddress(event), facts.participants());
        var ids = new ArrayList<String>();
        ids.add(facts.messageIdHeader());
        ids.addAll(ThreadResolver.ancestorsNearestFirst(facts));
        index.map(conversationId, ids.stream().filter(id -> !seen.containsKey(id)).toList());
    }

    /**
     * The resolver's view of the index; remembers which Message-IDs it found, for {@link #record}. In a
     * batch, Message-IDs come from what the batch looked up and threaded so far.
     */
    private final class IndexLookups implements ThreadResolver.Lookups {

        private final Map<String, Long> seen = new HashMap<>();
        private final @Nullable Batch batch;
        /** Read only when the subject fallback asks: most messages thread by Message-ID and never need it. */
        private @Nullable Set<String> ownAddresses;

        IndexLookups(@Nullable Batch batch) {
            this.batch = batch;
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

    /**
     * Who wrote last: a message from one of our domains answers the customer; one from outside means we
     * owe an answer, and reopens the conversation if it was archived before the message was sent.
     */
    private void noteDirection(long conversationId, MessageReceived event, Set<String> ownDomains) {
        var fromUs = WorkStore.isOwn(event.fromAddress(), ownDomains);
        work.noteMessage(conversationId, fromUs, event.sentAt());
        if (!fromUs) {
            work.find(conversationId)
                    .filter(state -> state.archived() && state.archivedAt() != null
                            && event.sentAt().isAfter(state.archivedAt()))
                    .filter(state -> work.reopen(conversationId))
                    .ifPresent(state -> events.publishEvent(
                            new ConversationStatusChanged(Actor.system(), conversationId, false)));
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
