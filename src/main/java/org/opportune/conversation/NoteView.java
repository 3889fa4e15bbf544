package org.opportune.conversation;

import java.time.Instant;
import java.util.List;

/** An internal note on a conversation; {@code mentions} are the login names it @mentioned. */
public record NoteView(long id, long conversationId, String authorName, String body, List<String> mentions,
        Instant createdAt) {
}
