package org.opportune.triage;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationService;

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

    private final ConversationService conversations;
    private final TransactionTemplate transactions;
    private final ReentrantLock batches = new ReentrantLock();

    ConversationCategoryFeed(ConversationService conversations, PlatformTransactionManager transactionManager) {
        this.conversations = conversations;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @ApplicationModuleListener
    void on(MessageTriaged event) {
        conversations.categorise(event.messageId(), event.category().label(), RANK.indexOf(event.category()));
    }

    /**
     * An import's batch in one transaction, one batch at a time on this node (batches of one import
     * share conversations, and would only wait for or deadlock on each other's row locks); when it
     * collides with another change of the same conversations, each message is categorised in a
     * transaction of its own instead.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessagesTriaged batch) {
        batches.lock();
        try {
            transactions.executeWithoutResult(status -> batch.messages().forEach(this::categorise));
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
