package org.opportune.conversation;

import java.time.Clock;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.conversation.ConversationEvents.ConversationOwnerChanged;
import org.opportune.conversation.ConversationEvents.ConversationStatusChanged;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserNotFoundException;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;

/**
 * Who works a conversation and whether it is done. One owner at a time: claiming works only while
 * nobody owns it, and handing over only from the owner the person saw, so two people acting at once
 * never both win. Assigning someone else's conversation takes {@link Permission#WORK_ASSIGN}; the
 * owner may always hand over their own. Every change is in the activity trail.
 */
@Service
@Transactional
public class ConversationWork {

    private static final int MAX_REASON = 500;

    private final WorkStore store;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationWork(WorkStore store, IdentityService identity, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ConversationState state(long conversationId) {
        return store.find(conversationId).orElseThrow(() -> ConversationNotFoundException.forId(conversationId));
    }

    /**
     * The signed-in person takes a conversation nobody owns.
     *
     * @throws ConversationRuleException when someone owns it already (also when they were first by a moment)
     */
    public ConversationState claim(Actor actor, long conversationId) {
        var me = worker(Objects.requireNonNull(actor.userId(), "a claim needs a signed-in user"), "You");
        var before = state(conversationId);
        if (!store.claim(conversationId, me.id())) {
            var owner = state(conversationId).ownerId();
            throw new ConversationRuleException(Objects.equals(owner, me.id())
                    ? "You own this conversation already."
                    : ownerName(owner) + " owns this conversation already. Ask them or a manager to hand it over.");
        }
        events.publishEvent(new ConversationOwnerChanged(actor, conversationId, "claimed", null, null, me.id(),
                me.username(), null));
        return state(before.id());
    }

    /**
     * Gives the conversation to someone, or takes it from its owner for someone else.
     *
     * @param mayAssignOthers whether the person holds {@link Permission#WORK_ASSIGN}; without it only the
     *                        owner may hand over (and nobody may assign an unowned one to someone else)
     * @param expectedOwner   the owner the person saw; a different owner now refuses the change
     */
    public ConversationState assign(Actor actor, boolean mayAssignOthers, long conversationId, long toUserId,
            @Nullable Long expectedOwner, @Nullable String reason) {
        var before = state(conversationId);
        var isOwner = before.ownerId() != null && before.ownerId().equals(actor.userId());
        var toSelf = actor.userId() != null && actor.userId() == toUserId;
        if (!mayAssignOthers && !isOwner && !(toSelf && before.ownerId() == null)) {
            throw new ConversationRuleException(before.ownerId() == null
                    ? "Only a manager can assign a conversation to someone else. Claim it yourself, or ask a manager."
                    : "Only " + ownerName(before.ownerId()) + " or a manager can hand this conversation over.");
        }
        var to = worker(toUserId, "The person you chose");
        if (Objects.equals(before.ownerId(), to.id())) {
            throw new ConversationRuleException(to.displayName() + " owns this conversation already.");
        }
        var seen = expectedOwner != null ? expectedOwner : before.ownerId();
        if (!Objects.equals(seen, before.ownerId()) || !store.changeOwner(conversationId, before.ownerId(), to.id())) {
            throw new ConversationRuleException("The owner changed meanwhile: " + ownerName(state(conversationId).ownerId())
                    + " owns it now. Check and try again.");
        }
        events.publishEvent(new ConversationOwnerChanged(actor, conversationId, "assigned", before.ownerId(),
                username(before.ownerId()), to.id(), to.username(), reason(reason)));
        return state(conversationId);
    }

    /** The owner (or a manager) gives the conversation back to the team: nobody owns it afterwards. */
    public ConversationState release(Actor actor, boolean mayAssignOthers, long conversationId, @Nullable String reason) {
        var before = state(conversationId);
        if (before.ownerId() == null) {
            throw new ConversationRuleException("Nobody owns this conversation.");
        }
        if (!mayAssignOthers && !before.ownerId().equals(actor.userId())) {
            throw new ConversationRuleException("Only " + ownerName(before.ownerId()) + " or a manager can release it.");
        }
        if (!store.changeOwner(conversationId, before.ownerId(), null)) {
            throw new ConversationRuleException("The owner changed meanwhile. Check and try again.");
        }
        events.publishEvent(new ConversationOwnerChanged(actor, conversationId, "released", before.ownerId(),
                username(before.ownerId()), null, null, reason(reason)));
        return state(conversationId);
    }

    /** Done for now; the next message from the customer brings it back. Archiving an archived one changes nothing. */
    public ConversationState archive(Actor actor, long conversationId) {
        state(conversationId);
        if (store.archive(conversationId, clock.instant())) {
            events.publishEvent(new ConversationStatusChanged(actor, conversationId, true));
        }
        return state(conversationId);
    }

    public ConversationState reopen(Actor actor, long conversationId) {
        state(conversationId);
        if (store.reopen(conversationId)) {
            events.publishEvent(new ConversationStatusChanged(actor, conversationId, false));
        }
        return state(conversationId);
    }

    private UserView worker(long userId, String who) {
        UserView user;
        try {
            user = identity.user(userId);
        } catch (UserNotFoundException e) {
            throw new ConversationRuleException(who + " is not a user of Opportune.");
        }
        if (!user.active()) {
            throw new ConversationRuleException(user.displayName() + " is deactivated and cannot own conversations.");
        }
        if (!user.role().has(Permission.INBOX_WORK)) {
            throw new ConversationRuleException(user.displayName() + " has a read-only role and cannot own conversations.");
        }
        return user;
    }

    private String ownerName(@Nullable Long userId) {
        if (userId == null) {
            return "Nobody";
        }
        try {
            return identity.user(userId).displayName();
        } catch (UserNotFoundException e) {
            return "Someone else";
        }
    }

    private @Nullable String username(@Nullable Long userId) {
        if (userId == null) {
            return null;
        }
        try {
            return identity.user(userId).username();
        } catch (UserNotFoundException e) {
            return "user " + userId;
        }
    }

    private static @Nullable String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        var stripped = reason.strip();
        return stripped.length() <= MAX_REASON ? stripped : stripped.substring(0, MAX_REASON);
    }
}
