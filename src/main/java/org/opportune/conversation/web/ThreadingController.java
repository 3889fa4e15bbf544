package org.opportune.conversation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.conversation.ConversationService;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;

/**
 * Split a message out of its conversation, merge another conversation into this one. Both redirect
 * to the conversation page (built with the conversation view).
 */
@Controller
@PreAuthorize("hasAuthority('INBOX_WORK')")
class ThreadingController {

    private static final String CONFLICT = "Someone changed this conversation at the same time. Check it and try again.";

    private final ConversationService conversations;

    ThreadingController(ConversationService conversations) {
        this.conversations = conversations;
    }

    /** Which conversation to merge into this one. */
    record MergeForm(@NotNull @Positive @Nullable Long other) {
    }

    @PostMapping("/messages/{messageId}/split")
    String split(@AuthenticationPrincipal SignedInUser me, @PathVariable long messageId, RedirectAttributes redirect) {
        try {
            var conversationId = conversations.split(me.asActor(), messageId);
            Flash.message(redirect, "The message is now a conversation of its own.");
            return "redirect:/conversations/" + conversationId;
        } catch (OptimisticLockingFailureException e) {
            Flash.message(redirect, CONFLICT);
            return "redirect:/conversations/" + conversations.conversationOf(messageId).orElseThrow();
        }
    }

    @PostMapping("/conversations/{conversationId}/merge")
    String merge(@AuthenticationPrincipal SignedInUser me, @PathVariable long conversationId,
            @Valid @ModelAttribute("form") MergeForm form, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors() || form.other() == null) {
            Flash.message(redirect, "Choose the conversation to merge into this one.");
            return "redirect:/conversations/" + conversationId;
        }
        try {
            conversations.merge(me.asActor(), conversationId, form.other());
            Flash.message(redirect, "The conversations are merged.");
        } catch (OptimisticLockingFailureException e) {
            Flash.message(redirect, CONFLICT);
        }
        return "redirect:/conversations/" + conversationId;
    }
}
