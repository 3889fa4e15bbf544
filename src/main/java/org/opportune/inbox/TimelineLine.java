package org.opportune.inbox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.opportune.activity.ActivityEntry;

/** One line of a conversation's timeline: a message, or a change someone made, in words. */
public record TimelineLine(Instant at, String when, String text) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);
    private static final Pattern OWNER = Pattern.compile("\"owner\":\"([^\"]*)\"");

    /** Messages and trail entries together, oldest first. */
    static List<TimelineLine> of(List<ShownMessage> messages, List<ActivityEntry> entries, Map<String, String> names) {
        var lines = new ArrayList<TimelineLine>();
        for (var message : messages) {
            var at = Instant.parse(message.sentAtIso());
            lines.add(new TimelineLine(at, when(at), (message.fromUs() ? "Reply from " : "Message from ") + message.from()));
        }
        for (var entry : entries) {
            lines.add(new TimelineLine(entry.occurredAt(), when(entry.occurredAt()), describe(entry, names)));
        }
        lines.sort(Comparator.comparing(TimelineLine::at));
        return lines;
    }

    private static String describe(ActivityEntry entry, Map<String, String> names) {
        var who = names.getOrDefault(entry.actorName(), entry.actorName());
        var to = owner(entry.afterJson(), names);
        return switch (entry.action()) {
            case "conversation.claimed" -> who + " claimed the conversation";
            case "conversation.assigned" -> who + " assigned it to " + to;
            case "conversation.released" -> who + " released it";
            case "conversation.archived" -> who + " archived it";
            case "conversation.reopened" -> "system".equals(entry.actorName())
                    ? "Reopened: the customer wrote again" : who + " reopened it";
            case "conversation.merged" -> who + " merged another conversation into this one";
            case "conversation.note_added" -> who + " wrote an internal note";
            default -> who + ": " + entry.action().replace('.', ' ').replace('_', ' ');
        };
    }

    private static String owner(String json, Map<String, String> names) {
        var matcher = OWNER.matcher(json);
        return matcher.find() ? names.getOrDefault(matcher.group(1), matcher.group(1)) : "someone";
    }

    private static String when(Instant at) {
        return WHEN.format(at.atZone(ZoneId.systemDefault()));
    }
}
