package org.opportune.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The threading policy: which conversation a new message belongs to. Pure: everything it needs to
 * know about stored conversations comes through {@link Lookups}.
 *
 * <ol>
 * <li>By Message-ID. Every Message-ID ever seen, as a message or only as a reference, maps to a
 *     conversation, so a reply whose parent never arrived still links its siblings, and a parent that
 *     arrives late finds the conversation its replies started. In-Reply-To is tried first, then
 *     References from the nearest ancestor back to the root; the first known id wins. A message's
 *     own Message-ID among its references is ignored, and because we map ids to conversations
 *     instead of building a tree, reference loops cannot hurt.</li>
 * <li>When the message's own Message-ID is already known (a late parent) and its references lead to
 *     a different conversation, the message links the two: they are merged and the older (lower) id
 *     wins.</li>
 * <li>Only then, and only for a subject with a reply or forward marker: the most recently active
 *     conversation with the same base subject that shares a participant other than our own addresses
 *     and whose messages lie within the window of this one.</li>
 * <li>Otherwise a new conversation.</li>
 * </ol>
 */
final class ThreadResolver {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final Duration window;

    ThreadResolver(Duration window) {
        this.window = window;
    }

    /** What threading needs to know about one message. Message-IDs are without angle brackets. */
    record MessageFacts(String messageIdHeader, @Nullable String inReplyTo, List<String> references, String subject,
            Set<String> participants, Instant sentAt) {
    }

    /** A conversation that the subject fallback may pick. */
    record Candidate(long conversationId, Instant firstMessageAt, Instant lastMessageAt, Set<String> participants) {
    }

    /** What the resolver may ask about stored conversations. */
    interface Lookups {

        /** The conversation each of these Message-IDs belongs to; unknown ids are left out. */
        Map<String, Long> conversationsByMessageId(Collection<String> messageIdHeaders);

        /** Conversations with this base subject (compared by {@code NormalisedSubject.key()}) active between the two instants. */
        List<Candidate> conversationsWithBaseSubject(String baseSubjectKey, Instant from, Instant to);

        /** Our own mailbox addresses: every message has them, so they never count as a shared participant. */
        boolean isOwnAddress(String address);
    }

    /** Where the message goes. */
    sealed interface Decision permits Join, JoinAndMerge, StartNew {
    }

    enum Reason { OWN_MESSAGE_ID, REFERENCE, SUBJECT }

    record Join(long conversationId, Reason reason) implements Decision {
    }

    /** A late parent links two conversations: {@code merged} moves into {@code target}, the older one. */
    record JoinAndMerge(long target, long merged) implements Decision {
    }

    record StartNew() implements Decision {
    }

    Decision resolve(MessageFacts message, Lookups lookups) {
        var own = message.messageIdHeader();
        var ancestors = ancestorsNearestFirst(message);
        var lookup = new ArrayList<String>(ancestors.size() + 1);
        lookup.add(own);
        lookup.addAll(ancestors);
        var known = lookups.conversationsByMessageId(lookup);

        var ownConversation = known.get(own);
        var referencedConversation = ancestors.stream().map(known::get).filter(id -> id != null).findFirst().orElse(null);
        if (ownConversation != null && referencedConversation != null && !ownConversation.equals(referencedConversation)) {
            return new JoinAndMerge(Math.min(ownConversation, referencedConversation),
                    Math.max(ownConversation, referencedConversation));
        }
        if (ownConversation != null) {
            return new Join(ownConversation, Reason.OWN_MESSAGE_ID);
        }
        if (referencedConversation != null) {
            return new Join(referencedConversation, Reason.REFERENCE);
        }
        var bySubject = bySubject(message, lookups);
        return bySubject == null ? new StartNew() : new Join(bySubject, Reason.SUBJECT);
    }

    /** Longest Message-ID kept: a header line's limit (RFC 5322); longer ones are broken and ignored. */
    static final int MAX_MESSAGE_ID_LENGTH = 998;

    /**
     * In-Reply-To, then References from the last (the parent) to the first (the root); no blanks, no
     * self-references, no ids too long to be real.
     */
    static List<String> ancestorsNearestFirst(MessageFacts message) {
        var ids = new LinkedHashSet<String>();
        if (message.inReplyTo() != null) {
            ids.add(message.inReplyTo().strip());
        }
        for (int i = message.references().size() - 1; i >= 0; i--) {
            ids.add(message.references().get(i).strip());
        }
        ids.remove("");
        ids.remove(message.messageIdHeader());
        ids.removeIf(id -> id.length() > MAX_MESSAGE_ID_LENGTH);
        return List.copyOf(ids);
    }

    private @Nullable Long bySubject(MessageFacts message, Lookups lookups) {
        var subject = SubjectNormaliser.normalise(message.subject());
        if (!subject.reply() || subject.base().isEmpty()) {
            return null;
        }
        var sentAt = message.sentAt();
        return lookups.conversationsWithBaseSubject(subject.key(), sentAt.minus(window), sentAt.plus(window)).stream()
                .filter(candidate -> withinWindow(candidate, sentAt))
                .filter(candidate -> sharesParticipant(candidate, message.participants(), lookups))
                .max(Comparator.comparing(Candidate::lastMessageAt).thenComparing(Candidate::conversationId))
                .map(Candidate::conversationId)
                .orElse(null);
    }

    private boolean withinWindow(Candidate candidate, Instant sentAt) {
        return !sentAt.isBefore(candidate.firstMessageAt().minus(window))
                && !sentAt.isAfter(candidate.lastMessageAt().plus(window));
    }

    private static boolean sharesParticipant(Candidate candidate, Set<String> participants, Lookups lookups) {
        return participants.stream()
                .filter(address -> !address.isBlank() && !lookups.isOwnAddress(address))
                .anyMatch(candidate.participants()::contains);
    }
}
