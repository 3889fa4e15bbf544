package org.opportune.inbox;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.opportune.conversation.ConversationEvents.ConversationCategorised;
import org.opportune.conversation.ConversationEvents.ConversationsCategorised;
import org.opportune.conversation.ConversationEvents.ConversationOwnerChanged;
import org.opportune.conversation.ConversationEvents.ConversationStatusChanged;
import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;
import org.opportune.web.live.LiveBus;

/**
 * Live inbox: every open inbox page listens here (server-sent events) and refreshes its list when a
 * message is threaded or categorised, or a conversation changes owner or status. Sent over the {@link LiveBus}
 * after the change commits, so a page that refreshes sees it, whichever node made the change.
 */
@RestController
class InboxStream {

    private static final Logger log = LoggerFactory.getLogger(InboxStream.class);
    /** Browsers reconnect by themselves; a bounded life keeps dead connections from piling up. */
    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private static final String TOPIC = "inbox";

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final LiveBus bus;

    InboxStream(LiveBus bus) {
        this.bus = bus;
        bus.subscribe(TOPIC, this::broadcast);
    }

    @GetMapping(value = "/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    SseEmitter stream() throws IOException {
        var emitter = new SseEmitter(TIMEOUT_MILLIS);
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitter.send(SseEmitter.event().name("ready").data("ok"));
        return emitter;
    }

    @EventListener
    void on(MessageThreaded event) {
        publish("message", event.conversationId());
    }

    @EventListener
    void on(MessagesThreaded batch) {
        // one refresh for the whole batch of an import: pages reload their list, whatever the conversation
        if (!batch.messages().isEmpty()) {
            publish("messages", batch.messages().size());
        }
    }

    @EventListener
    void on(ConversationCategorised event) {
        publish("category", event.conversationId());
    }

    @EventListener
    void on(ConversationsCategorised batch) {
        publish("categories", batch.conversationIds().size());
    }

    @EventListener
    void on(ConversationOwnerChanged event) {
        publish("owner", event.conversationId());
    }

    @EventListener
    void on(ConversationStatusChanged event) {
        publish("status", event.conversationId());
    }

    private void publish(String what, long id) {
        bus.publish(TOPIC, what + ":" + id);
    }

    private void broadcast(String change) {
        for (var emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("inbox").data(change));
            } catch (IOException | IllegalStateException e) {
                log.debug("Dropping a closed inbox stream: {}", e.getMessage());
                emitters.remove(emitter);
            }
        }
    }
}
