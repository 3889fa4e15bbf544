package org.opportune.opportunity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty people claim one unowned opportunity at the same moment, each in a real transaction of their own:
 * exactly one becomes the owner, the 49 others are told who has it, and the trail has one claim.
 */
@IntegrationTest
class OpportunityClaimRaceIntegrationTests {

    private static final int PEOPLE = 50;

    @Autowired
    OpportunityService opportunities;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftySimultaneousClaimsMakeExactlyOneOwner() throws Exception {
        var reps = new ArrayList<UserView>();
        for (int i = 0; i < PEOPLE; i++) {
            reps.add(OpportunityApi.user(identity, Role.REP));
        }
        var lead = opportunities.create(Actor.system(), new NewOpportunity("Office chairs for 60 people", null, null, null,
                null, null, "mailbox", "sales@brightline.example", null, true, null, "Reply with the chair catalogue",
                LocalDate.now(ZoneId.systemDefault()).plusDays(1), null, null, null));
        var gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PEOPLE);
        var results = new ArrayList<Future<Object>>();
        try {
            for (var rep : reps) {
                results.add(pool.submit(() -> {
                    gate.await();
                    try {
                        return opportunities.claim(Actor.user(rep.id(), rep.username()), lead.id());
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }

            gate.countDown();
            var outcomes = new ArrayList<Object>();
            for (var result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }

            var won = outcomes.stream().filter(OpportunityView.class::isInstance).map(OpportunityView.class::cast).toList();
            var refused = outcomes.stream().filter(AlreadyOwnedException.class::isInstance)
                    .map(AlreadyOwnedException.class::cast).toList();
            assertThat(won).as(outcomes.toString()).hasSize(1);
            assertThat(refused).hasSize(PEOPLE - 1);
            var owner = won.get(0).ownerId();
            var ownerName = reps.stream().filter(r -> r.id() == owner).findFirst().orElseThrow().displayName();
            assertThat(refused).allSatisfy(e -> {
                assertThat(e.ownerId()).isEqualTo(owner);
                assertThat(e.getMessage()).startsWith("Already owned by " + ownerName);
            });
            assertThat(jdbc.sql("select owner_id from opportunities where id = :id").param("id", lead.id())
                    .query(Long.class).single()).isEqualTo(owner);
            assertThat(jdbc.sql("select count(*) from activity_entries where subject_type = 'opportunity' "
                            + "and subject_id = :id and action = 'opportunity.claimed'")
                    .param("id", Long.toString(lead.id())).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select version from opportunities where id = :id").param("id", lead.id())
                    .query(Integer.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

}
