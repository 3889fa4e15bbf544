package org.opportune.triage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the classifier over the hand-written labelled set and prints precision, recall, F1 and a
 * confusion matrix per category. The holdout was written before the rules and is only measured.
 */
class TriageEvaluationTests {

    @Test
    void buyingSignalsReachNinetyPercentPrecisionAndRecallOnTheDevelopmentSet() {
        var outcomes = EvalSet.run(EvalSet.load(EvalSet.ROOT));
        System.out.println(EvalSet.report("triage development set", outcomes));

        var buying = EvalSet.figures(outcomes).get(Category.BUYING_SIGNAL);
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(150);
        assertThat(buying.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(buying.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(EvalSet.accuracy(outcomes)).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void buyingSignalsReachNinetyPercentPrecisionAndRecallOnTheHoldout() {
        var outcomes = EvalSet.run(EvalSet.load(EvalSet.HOLDOUT));
        System.out.println(EvalSet.report("triage holdout", outcomes));

        var buying = EvalSet.figures(outcomes).get(Category.BUYING_SIGNAL);
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(50);
        assertThat(buying.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(buying.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(EvalSet.accuracy(outcomes)).isGreaterThanOrEqualTo(0.75);
    }
}
