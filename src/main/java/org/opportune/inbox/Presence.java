package org.opportune.inbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;
import org.opportune.shared.SignedInUser;

/**
 * Who else has a conversation open, and who is writing a reply: every open conversation page keeps a
 * stream here and says when its person starts or stops replying. Each page hears the others
 * ("Ben is viewing", "Ben is replying") and hears at once when a new message arrives in the thread,
 * so the writer knows before pressing send (the server holds the send as well). In memory, per node.
 * The endpoints, not the class, carry {@code @PreAuthorize}: the event listener runs with no user.
 */
@RestController
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;
    /** "Replying" that was not repeated for this long is treated as viewing again (a closed draft). */
    private static final Duration REPLYING_TTL = Duration.ofSeconds(45);

    private final Map<Long, List<Viewer>> viewers = new ConcurrentHashMap<>();
    private final Clock clock;

    Presence(Clock clock) {
        this.clock = clock;
    }

    private static final class Viewer {
        final long userId;
        final String name;
        final SseEmitter emitter;
        volatile Instant replyingUntil = Instant.MIN;

        Viewer(long userId, String name, SseEmitter emitter) {
            this.userId = userId;
            this.name = name;
            this.emitter = emitter;
        }
    }

    @GetMapping(value = "/conversations/{id}/presence", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    SseEmitter join(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        var emitter = new SseEmitter(TIMEOUT_MILLIS);
        var viewer = new Viewer(me.userId(), me.displayName(), emitter);
        viewers.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(viewer);
        Runnable leave = () -> {
            var list = viewers.get(id);
            if (list != null && list.remove(viewer)) {
                announce(id);
            }
        };
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(e -> leave.run());
        announce(id);
        return emitter;
    }

    @PostMapping("/conversations/{id}/presence")
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void state(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam String state) {
        var until = "replying".equals(state) ? clock.instant().plus(REPLYING_TTL) : Instant.MIN;
        for (var viewer : viewers.getOrDefault(id, List.of())) {
            if (viewer.userId == me.userId()) {
                viewer.replyingUntil = until;
            }
        }
        announce(id);
    }

    @EventListener
    void on(MessagesThreaded batch) {
        batch.messages().forEach(this::on);
    }

    @EventListener
    void on(MessageThreaded event) {
        Runnable tell = () -> send(event.conversationId(), "message", Long.toString(event.messageId()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    tell.run();
                }
            });
        } else {
            tell.run();
        }
    }

    /** Tells each viewer who else is there: one line per other person, "Ben is replying" first. */
    private void announce(long conversationId) {
        var list = viewers.getOrDefault(conversationId, List.of());
        var now = clock.instant();
        for (var viewer : list) {
            var replying = new TreeSet<String>();
            var viewing = new TreeSet<String>();
            for (var other : list) {
                if (other.userId == viewer.userId) {
                    continue;
                }
                (other.replyingUntil.isAfter(now) ? replying : viewing).add(other.name);
            }
            viewing.removeAll(replying);
            var lines = new ArrayList<String>();
            replying.forEach(name -> lines.add(name + " is replying"));
            viewing.forEach(name -> lines.add(name + " is viewing"));
            sendTo(conversationId, viewer, "presence", String.join("\n", lines));
        }
    }

    private void send(long conversationId, String name, String data) {
        for (var viewer : viewers.getOrDefault(conversationId, List.of())) {
            sendTo(conversationId, viewer, name, data);
        }
    }

    private void sendTo(long conversationId, Viewer viewer, String name, String data) {
        try {
            viewer.emitter.send(SseEmitter.event().name(name).data(data.isEmpty() ? "-" : data));
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping a closed presence stream: {}", e.getMessage());
            var list = viewers.get(conversationId);
            if (list != null) {
                list.remove(viewer);
            }
        }
    }
}
