package org.opportune.conversation;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.triage.Category;
import org.opportune.triage.MessageTriaged;

/**
 * Gives each conversation the most telling triage category of its messages, so the inbox can show and
 * filter by it. Triage and threading both follow a new message and either may finish first: the
 * category is kept per message here, and recounted both when a message is triaged and when it is threaded.
 */
@Component
class ConversationCategories {

    /** Most telling first: one buying signal makes the conversation a buying signal. */
    static final List<Category> RANK = List.of(Category.BUYING_SIGNAL, Category.SUPPORT, Category.SUPPLIER,
            Category.OTHER, Category.INTERNAL, Category.AUTO_REPLY, Category.BULK);

    private final JdbcClient jdbc;

    ConversationCategories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(MessageTriaged event) {
        var label = event.category().label();
        var updated = jdbc.sql("update conversation_message_categories set category = :category where message_id = :id")
                .param("category", label).param("id", event.messageId()).update();
        if (updated == 0) {
            jdbc.sql("insert into conversation_message_categories (message_id, category) values (:id, :category)")
                    .param("id", event.messageId()).param("category", label).update();
        }
        jdbc.sql("select conversation_id from conversation_messages where message_id = :id")
                .param("id", event.messageId())
                .query(Long.class)
                .optional()
                .ifPresent(this::recount);
    }

    /** Sets the conversation's category from its messages' categories. */
    void recount(long conversationId) {
        var categories = jdbc.sql("""
                select distinct c.category from conversation_message_categories c
                join conversation_messages m on m.message_id = c.message_id
                where m.conversation_id = :id""")
                .param("id", conversationId)
                .query(String.class)
                .list();
        var best = RANK.stream().filter(category -> categories.contains(category.label())).findFirst()
                .map(Category::label).orElse(null);
        jdbc.sql("update conversations set category = :category where id = :id")
                .param("category", best).param("id", conversationId).update();
    }
}
