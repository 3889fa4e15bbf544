package org.opportune.conversation;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.conversation.ConversationEvents.ConversationCategorised;
import org.opportune.conversation.ConversationEvents.ConversationsCategorised;
import org.opportune.conversation.ConversationEvents.ConversationSplit;
import org.opportune.conversation.ConversationEvents.ConversationsMerged;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;

/**
 * Conversations as other modules and pages use them: which conversation a message is in, a
 * mailbox's conversations, and the people's corrections to threading (split and merge), both
 * recorded in the activity trail.
 */
@Service
@Transactional
public class ConversationService {

    private final ConversationRepository conversations;
    private final ThreadIndex index;
    private final WorkStore work;
    private final ConversationCategories categories;
    private final MailboxService mailboxes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationService(ConversationRepository conversations, ThreadIndex index, WorkStore work,
            ConversationCategories categories, MailboxService mailboxes, ApplicationEventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.index = index;
        this.work = work;
        this.categories = categories;
        this.mailboxes = mailboxes;
        this.events = events;
        this.clock = clock;
    }

    /** The conversations with messages in this mailbox, by their first message; each with its Message-IDs in date order. */
    @Transactional(readOnly = true)
    public List<ConversationLine> threadsOf(long mailboxId) {
        return index.threadsOf(mailboxId);
    }

    /**
     * Records a message's triage category; its conversation shows the most telling one (lowest
     * {@code rank}) of its messages. Works before and after the message is threaded.
     *
     * @return whether the message was threaded already (its conversation shows the category now)
     */
    public boolean categorise(long messageId, String category, int rank) {
        var conversationId = categories.note(messageId, category, rank);
        conversationId.ifPresent(id -> events.publishEvent(new ConversationCategorised(id, messageId)));
        return conversationId.isPresent();
    }

    /** A message's triage category and its rank (lower is more telling), for {@link #categoriseAll}. */
    public record CategoryNote(long messageId, String category, int rank) {
    }

    /**
     * {@link #categorise} for an import's batch, in one transaction: the categories noted together, the conversations
     * of the threaded messages read with one query and recounted together, and one {@link ConversationsCategorised} for the batch instead of an event a message.
     *
     * @return the ids of the messages that were threaded already (their conversations show the category now)
     */
    public Set<Long> categoriseAll(List<CategoryNote> notes) {
        if (notes.isEmpty()) {
            return Set.of();
        }
        categories.noteAll(notes);
        var conversationIds = index.conversationsOf(notes.stream().map(CategoryNote::messageId).toList());
        categories.recount(conversationIds.values());
        if (!conversationIds.isEmpty()) {
            events.publishEvent(new ConversationsCategorised(List.copyOf(new LinkedHashSet<>(conversationIds.values()))));
        }
        return conversationIds.keySet();
    }

    /**
     * Sets the conversation's category again from its messages, once the message is threaded: for a category
     * noted while the message's threading was still uncommitted (neither transaction saw the other's row).
     *
     * @return whether the message is threaded (and its conversation recounted)
     */
    @Transactional
    public boolean recategorise(long messageId) {
        var conversationId = index.message(messageId).map(ThreadIndex.ThreadedMessage::conversationId);
        conversationId.ifPresent(id -> {
            categories.recount(id);
            events.publishEvent(new ConversationCategorised(id, messageId));
        });
        return conversationId.isPresent();
    }

    /** The ids of the conversation's messages, oldest first. */
    @Transactional(readOnly = true)
    public List<Long> messageIds(long conversationId) {
        return index.messageIds(conversationId);
    }

    /** The conversation the message is in; empty until it was threaded. */
    @Transactional(readOnly = true)
    public Optional<Long> conversationOf(long messageId) {
        return index.message(messageId).map(ThreadIndex.ThreadedMessage::conversationId);
    }

    /** {@link #conversationOf} for many messages at once: the conversation of each threaded one, by message id. */
    @Transactional(readOnly = true)
    public Map<Long, Long> conversationsOf(Collection<Long> messageIds) {
        return index.conversationsOf(messageIds);
    }

    /** A conversation's subject and messages, for pages of other modules; empty when there is no such conversation. */
    @Transactional(readOnly = true)
    public Optional<ConversationOverview> overview(long conversationId) {
        return index.overview(conversationId);
    }

    /**
     * Moves one message out of its conversation into a new one, with its own Message-ID, so that
     * later replies to it follow it. A conversation's only message stays where it is.
     *
     * @return the id of the conversation the message is in afterwards
     */
    public long split(Actor actor, long messageId) {
        var message = index.message(messageId).orElseThrow(() -> ConversationNotFoundException.forMessage(messageId));
        var from = load(message.conversationId());
        if (from.messageCount() <= 1) {
            return from.id();
        }
        var created = conversations.save(Conversation.startWith(message.subject(), message.sentAt(), clock));
        index.move(message, created.id());
        from.lose(index.span(from.id()));
        conversations.save(from);
        categories.recount(from.id());
        categories.recount(created.id());
        var ownDomains = mailboxes.ownDomains();
        work.recountDirection(from.id(), ownDomains);
        work.recountDirection(created.id(), ownDomains);
        events.publishEvent(new ConversationSplit(actor, messageId, from.id(), created.id()));
        return created.id();
    }

    /**
     * Moves every message of {@code otherConversationId} into {@code targetConversationId} and deletes
     * the other conversation. Merging a conversation with itself changes nothing.
     *
     * @return the target conversation's id
     */
    public long merge(Actor actor, long targetConversationId, long otherConversationId) {
        if (targetConversationId == otherConversationId) {
            load(targetConversationId);
            return targetConversationId;
        }
        index.lock(List.of(targetConversationId, otherConversationId));
        var target = load(targetConversationId);
        var other = load(otherConversationId);
        var targetBefore = target.messageCount();
        var otherWork = work.find(other.id()).orElseThrow();
        index.moveAll(other.id(), target.id());
        target.absorb(other);
        conversations.delete(other);
        conversations.save(target);
        work.absorb(target.id(), otherWork);
        categories.recount(target.id());
        events.publishEvent(new ConversationsMerged(actor, target.id(), other.id(), targetBefore, other.messageCount(),
                target.messageCount()));
        return target.id();
    }

    private Conversation load(long conversationId) {
        return conversations.findById(conversationId)
                .orElseThrow(() -> ConversationNotFoundException.forId(conversationId));
    }
}
