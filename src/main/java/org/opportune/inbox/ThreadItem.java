package org.opportune.inbox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.opportune.conversation.NoteView;

/** One entry of the thread as the page shows it: a message, or an internal note (never sent). */
public record ThreadItem(Instant at, @Nullable ShownMessage message, @Nullable NoteView note) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    public String noteWhen() {
        return WHEN.format(at.atZone(ZoneId.systemDefault()));
    }

    static List<ThreadItem> of(List<ShownMessage> messages, List<NoteView> notes) {
        var items = new ArrayList<ThreadItem>();
        messages.forEach(m -> items.add(new ThreadItem(Instant.parse(m.sentAtIso()), m, null)));
        notes.forEach(n -> items.add(new ThreadItem(n.createdAt(), null, n)));
        items.sort(Comparator.comparing(ThreadItem::at));
        return items;
    }
}
