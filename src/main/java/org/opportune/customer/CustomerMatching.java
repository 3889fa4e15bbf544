package org.opportune.customer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import org.opportune.conversation.ConversationEvents.ConversationSplit;
import org.opportune.conversation.ConversationEvents.ConversationsMerged;
import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;

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

    CustomerMatching(CustomerService customers) {
        this.customers = customers;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageThreaded event) {
        retrying(event.messageId(), () -> customers.linkMessage(event.messageId()));
    }

    /** An import's batch: each message linked as if it had come alone (its own transaction and retries). */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessagesThreaded batch) {
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
