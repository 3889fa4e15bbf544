package org.opportune.customer;

import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationEvents.ConversationSplit;
import org.opportune.conversation.ConversationEvents.ConversationsMerged;
import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;
import org.opportune.shared.BatchEvents;

/**
 * Links every threaded message's conversation to its customer, once. Each attempt runs in a
 * transaction of its own (the facade's): two messages from colleagues at one new company may both try
 * to create it; the unique domain lets one commit, and the other is retried and finds it. On PostgreSQL a
 * failed insert spoils its transaction, hence no transaction around the retries.
 */
@Component
class CustomerMatching {

    private static final Logger log = LoggerFactory.getLogger(CustomerMatching.class);
    private static final int MAX_ATTEMPTS = 10;

    private final CustomerService customers;
    private final TransactionTemplate transactions;
    private final ReentrantLock batches = new ReentrantLock();

    CustomerMatching(CustomerService customers, PlatformTransactionManager transactionManager) {
        this.customers = customers;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageThreaded event) {
        retrying(event.messageId(), () -> customers.linkMessage(event.messageId()));
    }

    /**
     * An import's batch: all linked in one transaction, with the lookups made once for the batch; when that
     * collides with a concurrent link (a colleague's message creating the same company), it is rolled back and
     * each message is linked as if it had come alone, with its own transaction and retries.
     */
    @Async(BatchEvents.EXECUTOR)
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessagesThreaded batch) {
        // one batch at a time on this node: two batches of one import share senders and companies, and
        // would only wait for each other's row locks (H2 gives up after its lock timeout)
        batches.lock();
        try {
            transactions.executeWithoutResult(status -> customers.linkMessages(batch.messages().stream()
                    .map(MessageThreaded::messageId).toList()));
            return;
        } catch (DuplicateKeyException | TransientDataAccessException e) {
            log.debug("Linking the customers of a batch of {} raced with another; one by one: {}", batch.messages().size(),
                    e.getClass().getSimpleName());
        } finally {
            batches.unlock();
        }
        batch.messages().forEach(this::on);
    }

    /** The split-off message's new conversation gets its customer too; the old one keeps its links. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationSplit event) {
        retrying(event.messageId(), () -> customers.linkMessage(event.messageId()));
    }

    @ApplicationModuleListener
    void on(ConversationsMerged event) {
        customers.conversationsMerged(event.targetConversationId(), event.mergedConversationId());
    }

    private static void retrying(long messageId, Runnable link) {
        for (int attempt = 1; ; attempt++) {
            try {
                link.run();
                return;
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("Linking the customer of message {} raced with another, attempt {}: {}", messageId, attempt,
                        e.getClass().getSimpleName());
            }
        }
    }
}
