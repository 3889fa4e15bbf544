package org.opportune.mail.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestResult.Outcome;
import org.opportune.mail.MessageReceived;
import org.opportune.mail.MessagesReceived;

/**
 * {@link PersistStep} for a whole batch, in one transaction: one query finds which fingerprints are
 * stored already, the new messages go in with JDBC batches (with their addresses, attachments and
 * mailbox links), the new ones are published together as one {@link MessagesReceived} (kept by the
 * event publication registry in the same transaction: one registry row per listener for the batch,
 * not per message), and duplicates get the mailbox link they lack. A message that appears twice
 * in a batch is new the first time and a duplicate after. When anything fails (a concurrent ingest
 * stored one of them first, or the database refuses one), nothing of the batch is kept and the caller
 * persists the messages one by one.
 */
final class BatchPersist {

    private final MessageStore messages;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BatchPersist(MessageStore messages, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** @return one result per ingestion, in order; the ingestions themselves are not finished here */
    List<IngestResult> persist(List<Ingestion> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        for (var ingestion : batch) {
            ingestion.dedupeKey = ingestion.parsed().dedupeKey();
        }
        return Objects.requireNonNull(transactions.execute(status -> store(batch)));
    }

    private List<IngestResult> store(List<Ingestion> batch) {
        var keys = batch.stream().map(i -> i.dedupeKey).distinct().toList();
        var ids = new HashMap<>(messages.findByDedupeKeys(keys));
        var firsts = new LinkedHashMap<String, Ingestion>();
        for (var ingestion : batch) {
            if (!ids.containsKey(ingestion.dedupeKey)) {
                firsts.putIfAbsent(ingestion.dedupeKey, ingestion);
            }
        }
        var stored = Set.copyOf(ids.values());
        var newOnes = List.copyOf(firsts.values());
        if (!newOnes.isEmpty()) {
            var inserted = messages.insertMessages(newOnes);
            ids.putAll(inserted);
            messages.insertAddressesAndAttachments(newOnes, inserted);
        }
        var results = new ArrayList<IngestResult>(batch.size());
        var links = new ArrayList<MessageStore.Link>();
        var linked = linkedAlready(batch, ids, stored);
        var now = clock.instant();
        for (var ingestion : batch) {
            long id = ids.get(ingestion.dedupeKey);
            var isNew = firsts.get(ingestion.dedupeKey) == ingestion;
            if (linked.add(id + "\n" + ingestion.source.mailboxId() + "\n" + MessageStore.folder(ingestion.source))) {
                links.add(new MessageStore.Link(id, ingestion.source));
            }
            results.add(new IngestResult(isNew ? Outcome.NEW : Outcome.DUPLICATE, id, null));
        }
        messages.link(links, now);
        var received = new ArrayList<MessageReceived>(newOnes.size());
        for (var ingestion : newOnes) {
            var parsed = ingestion.parsed();
            received.add(new MessageReceived(ids.get(ingestion.dedupeKey), parsed.messageId(), parsed.inReplyTo(),
                    parsed.references(), parsed.subject(), parsed.fromAddress(), parsed.fromName(), parsed.participants(),
                    parsed.sentAt(), ingestion.source.mailboxId()));
        }
        publishInChunks(received);
        return results;
    }

    /**
     * One {@link MessagesReceived} per chunk of at most about {@link #MAX_EVENT_CHARS} characters of
     * facts: the registry keeps the serialized event in a column of bounded size on H2, and a batch
     * of hostile messages with thousands of References each must fit as well.
     */
    private void publishInChunks(List<MessageReceived> received) {
        var chunk = new ArrayList<MessageReceived>();
        long chars = 0;
        for (var message : received) {
            var size = estimatedChars(message);
            if (!chunk.isEmpty() && chars + size > MAX_EVENT_CHARS) {
                events.publishEvent(new MessagesReceived(chunk));
                chunk = new ArrayList<>();
                chars = 0;
            }
            chunk.add(message);
            chars += size;
        }
        if (!chunk.isEmpty()) {
            events.publishEvent(new MessagesReceived(chunk));
        }
    }

    /** Well below H2's column of 1,000,000 characters, leaving room for JSON escapes. */
    static final long MAX_EVENT_CHARS = 200_000;

    static long estimatedChars(MessageReceived message) {
        long chars = 300L + message.messageIdHeader().length() + message.subject().length()
                + message.fromAddress().length() + (message.fromName() == null ? 0 : message.fromName().length())
                + (message.inReplyTo() == null ? 0 : message.inReplyTo().length());
        for (var reference : message.references()) {
            chars += reference.length() + 3;
        }
        for (var participant : message.participants()) {
            chars += participant.length() + 3;
        }
        // twice over: even if every character were escaped as six (backslash, u, four hex digits), a chunk stays below 600,000
        return chars * 2;
    }

    /**
     * The links (message, mailbox and folder, joined by newlines) that exist already for the batch's
     * messages; only those stored before this batch ({@code stored}) can have one.
     */
    private Set<String> linkedAlready(List<Ingestion> batch, Map<String, Long> ids, Set<Long> stored) {
        var linked = new HashSet<String>();
        var byMailboxAndFolder = new LinkedHashMap<String, List<Long>>();
        var sources = new HashMap<String, Ingestion>();
        for (var ingestion : batch) {
            var id = ids.get(ingestion.dedupeKey);
            if (!stored.contains(id)) {
                continue;
            }
            var key = ingestion.source.mailboxId() + "\n" + MessageStore.folder(ingestion.source);
            byMailboxAndFolder.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            sources.putIfAbsent(key, ingestion);
        }
        byMailboxAndFolder.forEach((key, messageIds) -> {
            for (var id : messages.linkedMessageIds(sources.get(key).source, messageIds)) {
                linked.add(id + "\n" + key);
            }
        });
        return linked;
    }
}
