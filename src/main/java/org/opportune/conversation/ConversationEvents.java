package org.opportune.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/**
 * The facts the {@code conversation} module publishes. Splits and merges are {@link Audited}, so the
 * activity trail records them in the same transaction as the change.
 */
public final class ConversationEvents {

    private ConversationEvents() {
    }

    private static final String CONVERSATION = "conversation";

    /**
     * A message was threaded for the first time.
     *
     * @param started whether it started a new conversation
     */
    public record MessageThreaded(long messageId, long conversationId, boolean started) {
    }

    /**
     * The messages of an import's batch were threaded, in one transaction: the bulk form of
     * {@link MessageThreaded} (one registry publication per listener for the batch). Each threaded
     * message is in exactly one of the two.
     */
    public record MessagesThreaded(List<MessageThreaded> messages) {

        public MessagesThreaded {
            messages = List.copyOf(messages);
        }
    }

    /** A message of the conversation got its triage category (after it was threaded): lists should show it. */
    public record ConversationCategorised(long conversationId, long messageId) {
    }

    /** The messages of an import's batch got their triage categories: the bulk form of {@link ConversationCategorised}. */
    public record ConversationsCategorised(List<Long> conversationIds) {

        public ConversationsCategorised {
            conversationIds = List.copyOf(conversationIds);
        }
    }

    /** Someone moved one message out of its conversation into a new one. */
    public record ConversationSplit(Actor actor, long messageId, long fromConversationId, long newConversationId)
            implements Audited {
        public String action() { return "conversation.split"; }
        public String subjectType() { return "message"; }
        public String subjectId() { return Long.toString(messageId); }
        public Map<String, Object> before() { return Map.of("conversationId", fromConversationId); }
        public Map<String, Object> after() { return Map.of("conversationId", newConversationId); }
    }

    /**
     * Two conversations became one: {@code mergedConversationId} no longer exists, its messages are in
     * {@code targetConversationId}. The actor is {@code system} when a late parent linked them.
     */
    public record ConversationsMerged(Actor actor, long targetConversationId, long mergedConversationId,
            int targetMessagesBefore, int mergedMessagesBefore, int messagesAfter) implements Audited {
        public String action() { return "conversation.merged"; }
        public String subjectType() { return CONVERSATION; }
        public String subjectId() { return Long.toString(targetConversationId); }
        public Map<String, Object> before() {
            return Map.of("conversations", Map.of(
                    Long.toString(targetConversationId), targetMessagesBefore,
                    Long.toString(mergedConversationId), mergedMessagesBefore));
        }
        public Map<String, Object> after() {
            return Map.of("conversations", Map.of(Long.toString(targetConversationId), messagesAfter));
        }
    }

    /**
     * The owner of a conversation changed: claimed (nobody before), assigned or handed over, or released
     * (nobody after). Names are login names, as the trail shows them; ids are for notifications.
     *
     * @param kind {@code claimed}, {@code assigned} or {@code released}
     */
    public record ConversationOwnerChanged(Actor actor, long conversationId, String kind, @Nullable Long fromUserId,
            @Nullable String fromName, @Nullable Long toUserId, @Nullable String toName, @Nullable String reason)
            implements Audited {
        public String action() { return "conversation." + kind; }
        public String subjectType() { return CONVERSATION; }
        public String subjectId() { return Long.toString(conversationId); }
        public Map<String, Object> before() { return owner(fromName, null); }
        public Map<String, Object> after() { return owner(toName, reason); }

        private static Map<String, Object> owner(@Nullable String name, @Nullable String reason) {
            var map = new LinkedHashMap<String, Object>();
            map.put("owner", name == null ? "nobody" : name);
            if (reason != null && !reason.isBlank()) {
                map.put("reason", reason);
            }
            return map;
        }
    }

    /**
     * A conversation was archived, or reopened: by a person, or by the system because the customer
     * wrote again.
     */
    public record ConversationStatusChanged(Actor actor, long conversationId, boolean archived) implements Audited {
        public String action() { return archived ? "conversation.archived" : "conversation.reopened"; }
        public String subjectType() { return CONVERSATION; }
        public String subjectId() { return Long.toString(conversationId); }
        public Map<String, Object> before() { return Map.of("status", archived ? "open" : "archived"); }
        public Map<String, Object> after() { return Map.of("status", archived ? "archived" : "open"); }
    }

    /**
     * Someone wrote an internal note; {@code mentionedUserIds} are the people it @mentioned, to be told.
     */
    public record NoteAdded(Actor actor, long conversationId, long noteId, String body, List<String> mentions,
            List<Long> mentionedUserIds) implements Audited {
        public String action() { return "conversation.note_added"; }
        public String subjectType() { return CONVERSATION; }
        public String subjectId() { return Long.toString(conversationId); }
        public Map<String, Object> after() {
            var after = new LinkedHashMap<String, Object>();
            after.put("note", body.length() <= 200 ? body : body.substring(0, 199) + "…");
            if (!mentions.isEmpty()) {
                after.put("mentions", mentions);
            }
            return after;
        }
    }
}
