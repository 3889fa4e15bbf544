package org.opportune.mail.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.mail.ConnectionTest;
import org.opportune.mail.MailboxOverview;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MailboxView;
import org.opportune.shared.SignedInUser;

/** Mailbox connections as JSON, for admins: the same facade as the pages; never a secret in an answer. */
@RestController
@RequestMapping("/api/v1/mailboxes")
@PreAuthorize("hasAuthority('ADMINISTER')")
@Tag(name = "Mailboxes", description = "Shared mailbox connections (IMAP and SMTP); admins only. Passwords are never returned.")
class MailboxApiController {

    private final MailboxService mailboxes;

    MailboxApiController(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Operation(summary = "List mailboxes with their sync state, last sync and last error")
    @GetMapping
    List<MailboxOverview> list() {
        return mailboxes.overview();
    }

    @Operation(summary = "One mailbox with its sync state")
    @GetMapping("/{id}")
    MailboxOverview one(@PathVariable long id) {
        return mailboxes.overview(id);
    }

    @Operation(summary = "Connect a new mailbox", description = "Unencrypted connections are refused unless the server is on this machine.")
    @PostMapping
    ResponseEntity<MailboxView> create(@AuthenticationPrincipal SignedInUser me, @RequestBody MailboxRequest request) {
        var created = mailboxes.create(me.asActor(), request.toCommand());
        return ResponseEntity.created(URI.create("/api/v1/mailboxes/" + created.id())).body(created);
    }

    @Operation(summary = "Change a mailbox's settings", description = "A missing password keeps the stored one.")
    @PutMapping("/{id}")
    MailboxView update(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody MailboxRequest request) {
        return mailboxes.update(me.asActor(), id, request.toCommand());
    }

    @Operation(summary = "Test the IMAP and SMTP connection", description = "Names the problem: authentication, TLS, host unreachable, folder missing.")
    @PostMapping("/{id}/test")
    ConnectionTest test(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return mailboxes.testConnection(me.asActor(), id);
    }
}
