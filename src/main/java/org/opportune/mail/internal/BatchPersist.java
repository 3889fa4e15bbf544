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
import org.opportune.mail.MessagesReceived;

/**
 * {@link PersistStep} for a whole batch, in one transaction: one query finds which fingerprints are
 * stored already, the new messages go in with JDBC batches (with their addresses, attachments and
 * mailbox links), the new ones' ids are published together as one {@link MessagesReceived} (kept by the
 * event publication registry in the same transaction: one small registry row per listener for the batch,
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
        var newIds = newOnes.stream().map(ingestion -> ids.get(ingestion.dedupeKey)).toList();
        for (int from = 0; from < newIds.size(); from += MAX_EVENT_MESSAGES) {
            events.publishEvent(new MessagesReceived(newIds.subList(from, Math.min(newIds.size(), from + MAX_EVENT_MESSAGES))));
        }
        return results;
    }

    /**
     * An import's batch (250) is one event. {@code MailIngestion.ingestAll} takes batches of any size, though, and a
     * listener handles one event in one transaction with the facts of all its messages in memory: bigger batches are
     * split.
     */
    static final int MAX_EVENT_MESSAGES = 500;

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
