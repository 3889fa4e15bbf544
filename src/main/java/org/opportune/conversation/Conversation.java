package org.opportune.conversation;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A thread of messages. Which messages belong to it lives in {@code conversation_messages}; the
 * conversation keeps what lists show (subject, first and last message, count). {@code @Version},
 * because two people may split or merge at once, and threading changes it too.
 */
@Table("conversations")
class Conversation {

    @Id
    private @Nullable Long id;
    private String subject;
    private String baseSubject;
    private Instant firstMessageAt;
    private Instant lastMessageAt;
    private int messageCount;
    private final Instant createdAt;
    @Version
    private int version;

    @PersistenceCreator
    Conversation(@Nullable Long id, String subject, String baseSubject, Instant firstMessageAt, Instant lastMessageAt,
            int messageCount, Instant createdAt, int version) {
        this.id = id;
        this.subject = subject;
        this.baseSubject = baseSubject;
        this.firstMessageAt = firstMessageAt;
        this.lastMessageAt = lastMessageAt;
        this.messageCount = messageCount;
        this.createdAt = createdAt;
        this.version = version;
    }

    /** A new conversation that starts with one message. */
    static Conversation startWith(String subject, Instant sentAt, Clock clock) {
        return new Conversation(null, SubjectNormaliser.truncate(subject.strip()),
                SubjectNormaliser.normalise(subject).key(), sentAt, sentAt, 1, clock.instant(), 0);
    }

    /** One more message; an earlier one than all others (a late parent) also gives the conversation its subject. */
    void add(String messageSubject, Instant sentAt) {
        if (sentAt.isBefore(firstMessageAt)) {
            firstMessageAt = sentAt;
            subject = SubjectNormaliser.truncate(messageSubject.strip());
            baseSubject = SubjectNormaliser.normalise(messageSubject).key();
        }
        if (sentAt.isAfter(lastMessageAt)) {
            lastMessageAt = sentAt;
        }
        messageCount++;
    }

    /** Takes over the other conversation's messages (they were moved in the database already). */
    void absorb(Conversation other) {
        if (other.firstMessageAt.isBefore(firstMessageAt)) {
            firstMessageAt = other.firstMessageAt;
            subject = other.subject;
            baseSubject = other.baseSubject;
        }
        if (other.lastMessageAt.isAfter(lastMessageAt)) {
            lastMessageAt = other.lastMessageAt;
        }
        messageCount += other.messageCount;
    }

    /** One message was split out; the first and last message times are recounted from what is left. */
    void lose(MessageSpan remaining) {
        messageCount = remaining.count();
        firstMessageAt = remaining.first();
        lastMessageAt = remaining.last();
    }

    /**
     * Takes the id the database gave this new conversation when threading inserted it itself (an import
     * starts thousands, see {@link ThreadIndex#insert}), with the version the repository would have given it.
     */
    void insertedAs(long id) {
        if (this.id != null) {
            throw new IllegalStateException("conversation " + this.id + " was saved already");
        }
        this.id = id;
        this.version = 1;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("conversation not saved yet");
        }
        return id;
    }

    int messageCount() {
        return messageCount;
    }

    String subject() {
        return subject;
    }

    /** What the subject fallback compares ({@code NormalisedSubject.key()} of the first message's subject). */
    String baseSubject() {
        return baseSubject;
    }

    Instant firstMessageAt() {
        return firstMessageAt;
    }

    Instant lastMessageAt() {
        return lastMessageAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    int version() {
        return version;
    }

    /** How many messages a conversation has and when the first and the last were sent. */
    record MessageSpan(int count, Instant first, Instant last) {
    }
}
