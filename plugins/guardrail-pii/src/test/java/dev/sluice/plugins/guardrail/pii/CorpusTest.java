package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.plugins.guardrail.pii.CorpusScores.Score;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Precision and recall on the labelled corpus; prints the table (counts and line numbers only). */
class CorpusTest {
    private static Map<Kind, Score> scores;

    @BeforeAll
    static void score() {
        scores = CorpusScores.compute();
        System.out.println(CorpusScores.table(scores));
        System.out.println(CorpusScores.wrongLines(scores));
    }

    @Test
    void everyKindHasAtLeastFifteenPositiveAndFifteenNegativeTexts() {
        scores.forEach((kind, score) -> {
            assertThat(score.positives()).as(kind.rule() + " positives").isGreaterThanOrEqualTo(15);
            assertThat(score.negatives()).as(kind.rule() + " negatives").isGreaterThanOrEqualTo(15);
        });
    }

    @Test
    void checksumNearMissesAndInvalidRangesAreRejected() {
        for (Kind kind : List.of(Kind.CREDIT_CARD, Kind.IBAN, Kind.SSN)) {
            assertThat(scores.get(kind).precision()).as(kind.rule() + " precision").isEqualTo(1.0);
        }
    }

    @Test
    void structuredKindsAreFoundWithRecallOfAtLeastNinetyFivePercent() {
        for (Kind kind : List.of(Kind.EMAIL, Kind.CREDIT_CARD, Kind.IBAN, Kind.SSN, Kind.IP_ADDRESS,
                Kind.PRIVATE_KEY, Kind.JWT, Kind.API_KEY)) {
            assertThat(scores.get(kind).recall()).as(kind.rule() + " recall").isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void phoneNumbersAreFoundWithPrecisionAndRecallOfAtLeastNinetyPercent() {
        Score phone = scores.get(Kind.PHONE);
        assertThat(phone.recall()).as("phone recall").isGreaterThanOrEqualTo(0.9);
        assertThat(phone.precision()).as("phone precision").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void highEntropyTokensAreFoundWithoutFlaggingDigestsOrWords() {
        Score secret = scores.get(Kind.HIGH_ENTROPY);
        assertThat(secret.recall()).as("high_entropy recall").isGreaterThanOrEqualTo(0.9);
        assertThat(secret.precision()).as("high_entropy precision").isGreaterThanOrEqualTo(0.9);
    }
}
