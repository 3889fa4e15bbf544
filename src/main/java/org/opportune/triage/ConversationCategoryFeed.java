package org.opportune.triage;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationService.CategoryNote;
import org.opportune.shared.BatchEvents;

/**
 * Tells the conversation module each message's category, so a conversation shows the most telling one
 * of its messages: one buying signal makes it a buying signal, support outranks supplier mail, and bulk
 * mail ranks last.
 */
@Component
class ConversationCategoryFeed {

    /** Most telling first. */
    static final List<Category> RANK = List.of(Category.BUYING_SIGNAL, Category.SUPPORT, Category.SUPPLIER,
            Category.OTHER, Category.INTERNAL, Category.AUTO_REPLY, Category.BULK);

    private static final Logger log = LoggerFactory.getLogger(ConversationCategoryFeed.class);
    /** Threading normally commits within milliseconds; a message threaded later recounts its conversation itself. */
    private static final int RECOUNT_ATTEMPTS = 20;
    private static final long RECOUNT_PAUSE_MILLIS = 250;

    private final ConversationService conversations;
    private final TransactionTemplate transactions;
    private final ReentrantLock batches = new ReentrantLock();

    ConversationCategoryFeed(ConversationService conversations, PlatformTransactionManager transactionManager) {
        this.conversations = conversations;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * When the message is not threaded yet, threading may be running at this very moment: its transaction and
     * this one cannot see each other's rows, so neither would set the conversation's category. After this one
     * commits, look again for a while and recount once the message is threaded.
     */
    @ApplicationModuleListener
    void on(MessageTriaged event) {
        if (conversations.categorise(event.messageId(), event.category().label(), RANK.indexOf(event.category()))) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            recountOnceThreaded(event.messageId());
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recountOnceThreaded(event.messageId());
            }
        });
    }

    private void recountOnceThreaded(long messageId) {
        for (int attempt = 0; attempt < RECOUNT_ATTEMPTS; attempt++) {
            try {
                Thread.sleep(RECOUNT_PAUSE_MILLIS);
                if (conversations.recategorise(messageId)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.debug("Recounting the category of message {} failed: {}", messageId, e.toString());
            }
        }
    }

    /**
     * An import's batch in one transaction (with one event for the batch), one batch at a time on this node (batches of one import
     * share conversations, and would only wait for or deadlock on each other's row locks); when it
     * collides with another change of the same conversations, each message is categorised in a
     * transaction of its own instead.
     */
    @Async(BatchEvents.EXECUTOR)
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessagesTriaged batch) {
        batches.lock();
        try {
            transactions.executeWithoutResult(status -> conversations.categoriseAll(batch.messages().stream()
                    .map(message -> new CategoryNote(message.messageId(), message.category().label(),
                            RANK.indexOf(message.category())))
                    .toList()));
            return;
        } catch (TransientDataAccessException e) {
            log.debug("Categorising a batch of {} collided with another change; one by one: {}", batch.messages().size(),
                    e.getClass().getSimpleName());
        } finally {
            batches.unlock();
        }
        batch.messages().forEach(message -> transactions.executeWithoutResult(status -> categorise(message)));
    }

    private void categorise(MessageTriaged event) {
        conversations.categorise(event.messageId(), event.category().label(), RANK.indexOf(event.category()));
    }
}
