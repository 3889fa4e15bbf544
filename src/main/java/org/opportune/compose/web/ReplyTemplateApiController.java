package org.opportune.compose.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.compose.ReplyTemplateCommand;
import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.ReplyTemplateView;
import org.opportune.shared.SignedInUser;

/** The team's reply templates as JSON: everyone who replies reads them, admins change them. */
@RestController
@RequestMapping("/api/v1/reply-templates")
@Tag(name = "Reply templates", description = "Texts to reply with; {{variables}} such as {{contact.first_name}} are filled in from the conversation in the reply form.")
class ReplyTemplateApiController {

    private final ReplyTemplateService templates;

    ReplyTemplateApiController(ReplyTemplateService templates) {
        this.templates = templates;
    }

    @Operation(summary = "Every reply template, by name")
    @GetMapping
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    List<ReplyTemplateView> list() {
        return templates.templates();
    }

    @Operation(summary = "One reply template", description = "404 when it does not exist.")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ReplyTemplateView get(@PathVariable long id) {
        return templates.template(id);
    }

    @Operation(summary = "Add a reply template",
            description = "400 with errors per field when the name is taken or missing, or the subject or body uses an unknown variable. Recorded in the activity trail.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('ADMINISTER')")
    ReplyTemplateView create(@AuthenticationPrincipal SignedInUser me, @RequestBody ReplyTemplateRequest request) {
        return templates.create(me.asActor(), request.command());
    }

    @Operation(summary = "Change a reply template", description = "As for adding one; 404 when it does not exist.")
    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('ADMINISTER')")
    ReplyTemplateView update(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody ReplyTemplateRequest request) {
        return templates.update(me.asActor(), id, request.command());
    }

    @Operation(summary = "Delete a reply template", description = "404 when it does not exist. Recorded in the activity trail.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('ADMINISTER')")
    void delete(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        templates.delete(me.asActor(), id);
    }

    /** The body of {@code POST} and {@code PUT}. */
    record ReplyTemplateRequest(@Nullable String name, @Nullable String subject, @Nullable String body) {

        ReplyTemplateCommand command() {
            return new ReplyTemplateCommand(name == null ? "" : name, subject, body == null ? "" : body);
        }
    }
}
