package org.opportune.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.opportune.conversation.ThreadResolver.Candidate;
import org.opportune.conversation.ThreadResolver.Join;
import org.opportune.conversation.ThreadResolver.JoinAndMerge;
import org.opportune.conversation.ThreadResolver.MessageFacts;

/**
 * Threading without a database, for policy and oracle tests: applies {@link ThreadResolver}'s
 * decisions the way {@code ConversationThreading} does (map own and referenced Message-IDs, merge on
 * a late parent).
 */
final class InMemoryThreads implements ThreadResolver.Lookups {

    private final ThreadResolver resolver;
    private final Set<String> ownAddresses;
    private final Map<String, Long> references = new HashMap<>();
    private final Map<Long, List<Entry>> conversations = new TreeMap<>();
    private final Map<Long, String> baseSubjects = new HashMap<>();
    private long nextId = 1;

    private record Entry(String key, MessageFacts facts) {
    }

    InMemoryThreads(Duration window, Set<String> ownAddresses) {
        this.resolver = new ThreadResolver(window);
        this.ownAddresses = ownAddresses;
    }

    InMemoryThreads() {
        this(ThreadResolver.DEFAULT_WINDOW, Set.of());
    }

    /** Threads one message; {@code key} is how the test names it. Returns the decision. */
    ThreadResolver.Decision add(String key, MessageFacts facts) {
        var decision = resolver.resolve(facts, this);
        long id;
        if (decision instanceof JoinAndMerge merge) {
            conversations.get(merge.target()).addAll(conversations.remove(merge.merged()));
            references.replaceAll((header, conversation) -> conversation == merge.merged() ? merge.target() : conversation);
            id = merge.target();
        } else if (decision instanceof Join join) {
            id = join.conversationId();
        } else {
            id = nextId++;
            conversations.put(id, new ArrayList<>());
            baseSubjects.put(id, SubjectNormaliser.normalise(facts.subject()).key());
        }
        conversations.get(id).add(new Entry(key, facts));
        references.putIfAbsent(facts.messageIdHeader(), id);
        ThreadResolver.ancestorsNearestFirst(facts).forEach(ancestor -> references.putIfAbsent(ancestor, id));
        return decision;
    }

    /** The groups of message keys, each in the order they were added. */
    List<Set<String>> groups() {
        return conversations.values().stream()
                .map(entries -> (Set<String>) new java.util.LinkedHashSet<>(entries.stream().map(Entry::key).toList()))
                .toList();
    }

    Map<String, Long> conversationByKey() {
        var byKey = new LinkedHashMap<String, Long>();
        conversations.forEach((id, entries) -> entries.forEach(entry -> byKey.put(entry.key(), id)));
        return byKey;
    }

    @Override
    public Map<String, Long> conversationsByMessageId(Collection<String> messageIdHeaders) {
        var found = new HashMap<String, Long>();
        messageIdHeaders.forEach(header -> {
            var id = references.get(header);
            if (id != null) {
                found.put(header, id);
            }
        });
        return found;
    }

    @Override
    public List<Candidate> conversationsWithBaseSubject(String baseSubjectKey, Instant from, Instant to) {
        var candidates = new ArrayList<Candidate>();
        conversations.forEach((id, entries) -> {
            if (baseSubjectKey.equals(baseSubjects.get(id))) {
                var first = entries.stream().map(e -> e.facts().sentAt()).min(Instant::compareTo).orElseThrow();
                var last = entries.stream().map(e -> e.facts().sentAt()).max(Instant::compareTo).orElseThrow();
                var participants = new HashSet<String>();
                entries.forEach(e -> participants.addAll(e.facts().participants()));
                candidates.add(new Candidate(id, first, last, participants));
            }
        });
        return candidates;
    }

    @Override
    public boolean isOwnAddress(String address) {
        return ownAddresses.contains(address);
    }
}
