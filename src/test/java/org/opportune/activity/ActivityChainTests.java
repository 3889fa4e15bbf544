package org.opportune.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityChainTests {

    @Test
    void theSameContentAlwaysHashesTheSame() {
        var entry = unhashed(1, ActivityChain.GENESIS, "{\"role\":\"REP\"}");

        assertThat(ActivityChain.hash(entry)).isEqualTo(ActivityChain.hash(unhashed(1, ActivityChain.GENESIS, "{\"role\":\"REP\"}")))
                .hasSize(64);
    }

    @Test
    void mapKeysAreSortedSoTheJsonIsCanonical() {
        assertThat(ActivityChain.json(Map.of("b", 2, "a", 1, "c", Map.of("z", true, "y", "x"))))
                .isEqualTo("{\"a\":1,\"b\":2,\"c\":{\"y\":\"x\",\"z\":true}}");
    }

    @Test
    void anIntactChainHasNoProblem() {
        var chain = chain(3);

        assertThat(problems(chain)).containsOnlyNulls();
    }

    @Test
    void aChangedFieldIsFoundAtThatEntry() {
        var chain = chain(3);
        var second = chain.get(1);
        chain.set(1, new ActivityEntry(second.id(), second.occurredAt(), second.actorId(), second.actorName(), second.action(),
                second.subjectType(), second.subjectId(), second.beforeJson(), "{\"role\":\"ADMIN\"}", second.origin(),
                second.prevHash(), second.hash()));

        assertThat(problems(chain).get(1)).contains("content does not match");
        assertThat(problems(chain).get(0)).isNull();
    }

    @Test
    void aRemovedEntryIsFoundAtTheEntryAfterIt() {
        var chain = chain(3);
        chain.remove(1);

        assertThat(ActivityChain.problemWith(chain.get(1), chain.get(0).hash(), 2)).contains("entry 2 is missing");
    }

    @Test
    void aForgedLinkIsFound() {
        var chain = chain(2);
        var forged = unhashed(2, "f".repeat(64), "{}");
        forged = withHash(forged);

        assertThat(ActivityChain.problemWith(forged, chain.get(0).hash(), 2)).contains("link to the previous entry");
    }

    @Test
    void timesAreHashedAtTheMicrosecondsTheDatabaseKeeps() {
        var precise = new ActivityEntry(1, Instant.parse("2026-11-27T10:00:00.123456789Z"), 7L, "dana", "user.created",
                "user", "7", "{}", "{}", "127.0.0.1", ActivityChain.GENESIS, "");
        var stored = new ActivityEntry(1, Instant.parse("2026-11-27T10:00:00.123456Z"), 7L, "dana", "user.created",
                "user", "7", "{}", "{}", "127.0.0.1", ActivityChain.GENESIS, "");

        assertThat(ActivityChain.hash(precise)).isEqualTo(ActivityChain.hash(stored));
    }

    private static List<String> problems(List<ActivityEntry> chain) {
        var problems = new ArrayList<String>();
        var prev = ActivityChain.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            problems.add(ActivityChain.problemWith(chain.get(i), prev, i + 1));
            prev = chain.get(i).hash();
        }
        return problems;
    }

    private static List<ActivityEntry> chain(int length) {
        var chain = new ArrayList<ActivityEntry>();
        var prev = ActivityChain.GENESIS;
        for (int id = 1; id <= length; id++) {
            var entry = withHash(unhashed(id, prev, "{\"role\":\"REP\"}"));
            chain.add(entry);
            prev = entry.hash();
        }
        return chain;
    }

    private static ActivityEntry unhashed(long id, String prev, String after) {
        return new ActivityEntry(id, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(id), 7L, "dana", "user.role_changed",
                "user", "12", "{\"role\":\"VIEWER\"}", after, "127.0.0.1", prev, "");
    }

    private static ActivityEntry withHash(ActivityEntry e) {
        return new ActivityEntry(e.id(), e.occurredAt(), e.actorId(), e.actorName(), e.action(), e.subjectType(), e.subjectId(),
                e.beforeJson(), e.afterJson(), e.origin(), e.prevHash(), ActivityChain.hash(e));
    }
}
