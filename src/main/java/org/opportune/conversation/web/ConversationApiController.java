package org.opportune.conversation.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.conversation.ConversationRuleException;
import org.opportune.conversation.ConversationState;
import org.opportune.conversation.ConversationWork;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserNotFoundException;
import org.opportune.shared.SignedInUser;

/**
 * A conversation's owner and status as JSON: read it, claim it, assign or hand it over, release it,
 * archive and reopen it. The same rules as the pages; a refused change is a 409 problem that says why.
 */
@RestController
@RequestMapping("/api/v1/conversations")
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class ConversationApiController {

    private final ConversationWork work;
    private final IdentityService identity;

    ConversationApiController(ConversationWork work, IdentityService identity) {
        this.work = work;
        this.identity = identity;
    }

    /** What the API shows of a conversation; {@code owner} is the owner's login name. */
    record ConversationJson(long id, String subject, int messageCount, Instant firstMessageAt, Instant lastMessageAt,
            @Nullable Long ownerId, @Nullable String owner, String status, boolean waitingOnUs) {
    }

    /** Whom to give the conversation to; {@code expectedOwnerId} is the owner the caller saw, if any. */
    record AssignRequest(long userId, @Nullable Long expectedOwnerId, @Nullable String reason) {
    }

    record ReleaseRequest(@Nullable String reason) {
    }

    @GetMapping("/{id}")
    ConversationJson one(@PathVariable long id) {
        return json(work.state(id));
    }

    @PostMapping("/{id}/claim")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ConversationJson claim(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return json(work.claim(me.asActor(), id));
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ConversationJson assign(@AuthenticationPrincipal SignedInUser me, Authentication authentication,
            @PathVariable long id, @RequestBody AssignRequest request) {
        return json(work.assign(me.asActor(), mayAssign(authentication), id, request.userId(),
                request.expectedOwnerId(), request.reason()));
    }

    @PostMapping("/{id}/release")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ConversationJson release(@AuthenticationPrincipal SignedInUser me, Authentication authentication,
            @PathVariable long id, @RequestBody(required = false) @Nullable ReleaseRequest request) {
        return json(work.release(me.asActor(), mayAssign(authentication), id, request == null ? null : request.reason()));
    }

    @PostMapping("/{id}/archive")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ConversationJson archive(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return json(work.archive(me.asActor(), id));
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ConversationJson reopen(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return json(work.reopen(me.asActor(), id));
    }

    @ExceptionHandler
    ProblemDetail refused(ConversationRuleException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conversation not changed");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(ConversationNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such conversation");
        return problem;
    }

    static boolean mayAssign(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(a -> Permission.WORK_ASSIGN.authority().equals(a.getAuthority()));
    }

    private ConversationJson json(ConversationState state) {
        String owner = null;
        if (state.ownerId() != null) {
            try {
                owner = identity.user(state.ownerId()).username();
            } catch (UserNotFoundException e) {
                owner = null;
            }
        }
        return new ConversationJson(state.id(), state.subject(), state.messageCount(), state.firstMessageAt(),
                state.lastMessageAt(), state.ownerId(), owner, state.archived() ? "archived" : "open",
                state.waitingOnUs());
    }
}
