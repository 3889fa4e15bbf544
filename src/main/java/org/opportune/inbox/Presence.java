package org.opportune.inbox;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
import org.opportune.web.live.LiveBus;

/**
 * Who else has a conversation open, and who is writing a reply: every open conversation page keeps a
 * stream here and says when its person starts or stops replying. Each page hears the others
 * ("Ben is viewing", "Ben is replying") and hears at once when a new message arrives in the thread,
 * so the writer knows before pressing send (the server holds the send as well). Each node keeps its own
 * viewers in memory and tells the other nodes over the {@link LiveBus} whenever they change, and again every
 * {@value #HEARTBEAT_SECONDS} s; a node that stops telling (it crashed) is forgotten after
 * {@value #FORGET_SECONDS} s. New messages reach the viewers on every node the same way.
 * The endpoints, not the class, carry {@code @PreAuthorize}: the event listener runs with no user.
 */
@RestController
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;
    /** "Replying" that was not repeated for this long is treated as viewing again (a closed draft). */
    private static final Duration REPLYING_TTL = Duration.ofSeconds(45);

    static final int HEARTBEAT_SECONDS = 20;
    static final int FORGET_SECONDS = 60;
    private static final String PRESENCE_TOPIC = "presence";
    private static final String THREAD_TOPIC = "conversation.message";

    private final Map<Long, List<Viewer>> viewers = new ConcurrentHashMap<>();
    /** Other nodes' viewers: conversation → node → what that node last said. */
    private final Map<Long, Map<String, RemoteViewers>> remote = new ConcurrentHashMap<>();
    private final String node = UUID.randomUUID().toString();
    private final Clock clock;
    private final LiveBus bus;

    Presence(Clock clock, LiveBus bus) {
        this.clock = clock;
        this.bus = bus;
        bus.subscribe(PRESENCE_TOPIC, this::heard);
        bus.subscribe(THREAD_TOPIC, this::heardMessage);
    }

    /** A viewer on another node, as that node described it. */
    private record RemoteViewer(long userId, String name, Instant replyingUntil) {
    }

    private record RemoteViewers(List<RemoteViewer> viewers, Instant heardAt) {
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
                changed(id);
            }
        };
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(e -> leave.run());
        changed(id);
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
        changed(id);
    }

    /**
     * New messages in threads: every node tells its viewers of those conversations (after the commit). A batch
     * goes out as few bus messages as fit, one line per message, not one each: on PostgreSQL each is a NOTIFY
     * in the threading transaction of an import.
     */
    @EventListener
    void on(MessagesThreaded batch) {
        var lines = new StringBuilder();
        for (var message : batch.messages()) {
            var line = message.conversationId() + ":" + message.messageId();
            if (lines.length() + 1 + line.length() > LiveBus.MAX_DATA_BYTES) {
                bus.publish(THREAD_TOPIC, lines.toString());
                lines.setLength(0);
            }
            lines.append(lines.isEmpty() ? "" : "\n").append(line);
        }
        if (!lines.isEmpty()) {
            bus.publish(THREAD_TOPIC, lines.toString());
        }
    }

    @EventListener
    void on(MessageThreaded event) {
        bus.publish(THREAD_TOPIC, event.conversationId() + ":" + event.messageId());
    }

    private void heardMessage(String data) {
        for (var line : data.split("\n")) {
            var colon = line.indexOf(':');
            if (colon > 0) {
                send(Long.parseLong(line.substring(0, colon)), "message", line.substring(colon + 1));
            }
        }
    }

    /** This node's viewers of a conversation changed: tell them, and tell the other nodes. */
    private void changed(long conversationId) {
        announce(conversationId);
        tellOthers(conversationId);
    }

    private void tellOthers(long conversationId) {
        var lines = new StringBuilder(node).append('\n').append(conversationId);
        for (var viewer : viewers.getOrDefault(conversationId, List.of())) {
            lines.append('\n').append(viewer.userId).append(' ').append(viewer.replyingUntil.isBefore(Instant.EPOCH) ? 0 : viewer.replyingUntil.toEpochMilli()).append(' ')
                    .append(URLEncoder.encode(viewer.name, StandardCharsets.UTF_8));
        }
        try {
            bus.publish(PRESENCE_TOPIC, lines.toString());
        } catch (IllegalArgumentException | DataAccessException e) {
            log.debug("Could not tell the other nodes who views conversation {}: {}", conversationId, e.getMessage());
        }
    }

    /** Another node said who views a conversation there. */
    private void heard(String data) {
        var lines = data.split("\n");
        if (lines.length < 2 || lines[0].equals(node)) {
            return;
        }
        var conversationId = Long.parseLong(lines[1]);
        var list = new ArrayList<RemoteViewer>();
        for (int i = 2; i < lines.length; i++) {
            var parts = lines[i].split(" ", 3);
            if (parts.length == 3) {
                list.add(new RemoteViewer(Long.parseLong(parts[0]), URLDecoder.decode(parts[2], StandardCharsets.UTF_8),
                        Instant.ofEpochMilli(Long.parseLong(parts[1]))));
            }
        }
        var nodes = remote.computeIfAbsent(conversationId, key -> new ConcurrentHashMap<>());
        if (list.isEmpty()) {
            nodes.remove(lines[0]);
        } else {
            nodes.put(lines[0], new RemoteViewers(list, clock.instant()));
        }
        announce(conversationId);
    }

    /** Repeats this node's viewers for the other nodes, and forgets nodes that went quiet. */
    @Scheduled(fixedDelay = HEARTBEAT_SECONDS * 1000L, initialDelay = HEARTBEAT_SECONDS * 1000L)
    void heartbeat() {
        viewers.forEach((conversationId, list) -> {
            if (list.isEmpty()) {
                viewers.remove(conversationId, list);
            } else {
                tellOthers(conversationId);
            }
        });
        var forgetBefore = clock.instant().minusSeconds(FORGET_SECONDS);
        remote.forEach((conversationId, nodes) -> {
            if (nodes.values().removeIf(r -> r.heardAt().isBefore(forgetBefore))) {
                announce(conversationId);
            }
        });
    }

    /** Tells each viewer who else is there: one line per other person, "Ben is replying" first. */
    private void announce(long conversationId) {
        var list = viewers.getOrDefault(conversationId, List.of());
        var elsewhere = remote.getOrDefault(conversationId, Map.of()).values().stream()
                .flatMap(r -> r.viewers().stream()).toList();
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
            for (var other : elsewhere) {
                if (other.userId() != viewer.userId) {
                    (other.replyingUntil().isAfter(now) ? replying : viewing).add(other.name());
                }
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
