package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpportunityRulesTests {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final List<StageView> STAGES = List.of(
            new StageView("new_lead", "New lead", 10, StageKind.OPEN, 10, true),
            new StageView("qualified", "Qualified", 20, StageKind.OPEN, 25, true),
            new StageView("won", "Won", 60, StageKind.WON, 100, true),
            new StageView("lost", "Lost/closed", 70, StageKind.LOST, 0, true));

    private final OpportunityRules rules = new OpportunityRules(
            new OpportunityProperties("EUR", "UTC", null, OpportunityProperties.defaults().nextAction()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anOpenOpportunityNeedsANextActionAndADueDate() {
        var o = opportunity("new_lead", 7L);

        var errors = check(o, STAGES.get(0));

        assertThat(errors).containsKeys("nextAction", "nextActionDue");
        assertThat(errors.get("nextAction")).contains("needs a next action");
    }

    @Test
    void anUnownedOpportunityMayWaitOnlyInTheFirstStage() {
        var lead = opportunity("new_lead", null);
        lead.nextAction = "Reply to Anna about the desks";
        lead.nextActionDue = LocalDate.parse("2026-03-11");
        var qualified = opportunity("qualified", null);
        qualified.nextAction = lead.nextAction;
        qualified.nextActionDue = lead.nextActionDue;

        assertThat(check(lead, STAGES.get(0))).isEmpty();
        assertThat(check(qualified, STAGES.get(1))).containsOnlyKeys("owner");
        assertThat(check(qualified, STAGES.get(1)).get("owner")).contains("needs an owner", "New lead");
    }

    @Test
    void aDueDateInThePastIsRefusedButTodayIsFine() {
        var errors = new LinkedHashMap<String, String>();

        rules.checkDue(LocalDate.parse("2026-03-09"), errors);
        var today = new LinkedHashMap<String, String>();
        rules.checkDue(LocalDate.parse("2026-03-10"), today);

        assertThat(errors.get("nextActionDue")).contains("in the past", "2026-03-10");
        assertThat(today).isEmpty();
    }

    @Test
    void aVagueNextActionIsRefusedWithAHintOfAConcreteOne() {
        var errors = new LinkedHashMap<String, String>();

        rules.checkNextAction("keep in touch", errors);

        assertThat(errors.get("nextAction")).contains("'keep in touch' is too vague", "Send revised quote with volume discount");
    }

    @Test
    void lostNeedsAReasonFromTheListAndOtherNeedsWords() {
        var none = new LinkedHashMap<String, String>();
        var unknown = new LinkedHashMap<String, String>();
        var otherWithout = new LinkedHashMap<String, String>();
        var otherWith = new LinkedHashMap<String, String>();
        var price = new LinkedHashMap<String, String>();

        rules.checkLost(null, null, none);
        rules.checkLost("bad vibes", null, unknown);
        rules.checkLost("other", " ", otherWithout);
        rules.checkLost("other", "They merged with a competitor", otherWith);
        rules.checkLost("price", null, price);

        assertThat(none.get("lostReason")).contains("Lost needs a reason", "price", "competitor");
        assertThat(unknown.get("lostReason")).contains("'bad vibes' is not one of the lost reasons");
        assertThat(otherWithout).containsOnlyKeys("note");
        assertThat(otherWith).isEmpty();
        assertThat(price).isEmpty();
    }

    @Test
    void wonNeedsAValueAboveZero() {
        var missing = new LinkedHashMap<String, String>();
        var zero = new LinkedHashMap<String, String>();
        var some = new LinkedHashMap<String, String>();

        rules.checkWon(null, missing);
        rules.checkWon(BigDecimal.ZERO, zero);
        rules.checkWon(new BigDecimal("1200.00"), some);

        assertThat(missing.get("value")).contains("Won needs the deal's value");
        assertThat(zero).containsKey("value");
        assertThat(some).isEmpty();
    }

    @Test
    void currencyMustBeAnIsoCodeAndOtherSourcesNeedADetail() {
        var o = opportunity("new_lead", 7L);
        o.nextAction = "Send the price list";
        o.nextActionDue = LocalDate.parse("2026-03-12");
        o.currency = "EURO";
        o.source = Source.OTHER;

        var errors = check(o, STAGES.get(0));

        assertThat(errors).containsOnlyKeys("currency", "sourceDetail");
        assertThat(OpportunityRules.validCurrency("USD")).isTrue();
        assertThat(OpportunityRules.validCurrency("XYZ")).isFalse();
    }

    @Test
    void allMessagesAreRefusedTogetherNamingTheirFields() {
        assertThatThrownBy(() -> OpportunityRules.throwIfAny(Map.of("title", "Give it a title.", "value", "Enter a value.")))
                .isInstanceOfSatisfying(OpportunityRuleException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("title", "value"));
    }

    @Test
    void aSubjectLosesItsReplyAndForwardPrefixes() {
        assertThat(OpportunityService.cleanSubject("Re: Fwd: AW: Quote for 12 desks")).isEqualTo("Quote for 12 desks");
        assertThat(OpportunityService.cleanSubject("RE[2]: Angebot")).isEqualTo("Angebot");
        assertThat(OpportunityService.cleanSubject("Re: ")).isEqualTo("(no subject)");
    }

    private Map<String, String> check(Opportunity o, StageView stage) {
        var errors = new LinkedHashMap<String, String>();
        rules.checkState(o, stage, STAGES, errors);
        return errors;
    }

    private static Opportunity opportunity(String stage, Long owner) {
        var o = new Opportunity("12 desks", "EUR", Source.MAILBOX, stage, 10, NOW, 7L);
        o.ownerId = owner;
        return o;
    }
}
