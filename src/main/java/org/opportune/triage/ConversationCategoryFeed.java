package org.opportune.triage;

import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

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

    private final ConversationService conversations;

    ConversationCategoryFeed(ConversationService conversations) {
        this.conversations = conversations;
    }

    @ApplicationModuleListener
    void on(MessageTriaged event) {
        conversations.categorise(event.messageId(), event.category().label(), RANK.indexOf(event.category()));
    }

    @ApplicationModuleListener
    void on(MessagesTriaged batch) {
        batch.messages().forEach(this::on);
    }
}
