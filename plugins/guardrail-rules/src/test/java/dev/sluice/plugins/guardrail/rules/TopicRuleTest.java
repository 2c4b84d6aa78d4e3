package dev.sluice.plugins.guardrail.rules;

import static dev.sluice.plugins.guardrail.rules.Checks.check;
import static dev.sluice.plugins.guardrail.rules.Checks.input;
import static dev.sluice.plugins.guardrail.rules.Checks.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.GuardrailCheck;
import org.junit.jupiter.api.Test;

class TopicRuleTest {
    private static final String MEDICAL = """
            topics:
              - { name: medical_advice, keywords: [diagnose, prescription, dosage], min_matches: 2 }
            injection: false
            """;

    @Test
    void topicIsFoundWhenEnoughDistinctKeywordsOccur() {
        GuardrailCheck check = check(MEDICAL);
        assertThat(input(check, "What dosage is on my prescription?")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("topic:medical_advice");
            assertThat(f.type()).isEqualTo("TOPIC");
            assertThat(f.hasSpan()).isFalse();
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.detail()).contains("2 of 3 keywords");
        });
    }

    @Test
    void oneKeywordIsBelowAThresholdOfTwo() {
        assertThat(input(check(MEDICAL), "What is the usual dosage of sunlight for houseplants?")).isEmpty();
    }

    @Test
    void repeatingOneKeywordDoesNotCountTwice() {
        assertThat(input(check(MEDICAL), "Dosage, dosage, DOSAGE.")).isEmpty();
    }

    @Test
    void keywordsMatchWholeWordsInAnyCase() {
        GuardrailCheck check = check(MEDICAL);
        assertThat(input(check, "PRESCRIPTION and Dosage")).hasSize(1);
        assertThat(input(check, "prescriptions and dosages")).isEmpty();
    }

    @Test
    void wildcardKeywordsCoverWordForms() {
        GuardrailCheck check = check("""
                topics:
                  - { name: medical_advice, keywords: ["diagnos*", "prescri*"], min_matches: 2, action: flag }
                injection: false
                """);
        assertThat(input(check, "Can you diagnose this and prescribe something?"))
                .extracting(Finding::action).containsExactly(Action.FLAG);
    }

    @Test
    void thresholdDefaultsToOneKeyword() {
        GuardrailCheck check = check("topics: [{ name: weapons, keywords: [rifle, ammunition] }]\ninjection: false");
        assertThat(input(check, "Where can I buy ammunition?")).extracting(Finding::rule)
                .containsExactly("topic:weapons");
    }

    @Test
    void severalTopicsAreJudgedIndependentlyAndShareKeywords() {
        GuardrailCheck check = check("""
                action: flag
                topics:
                  - { name: legal, keywords: [contract, lawsuit, liability], min_matches: 2 }
                  - { name: finance, keywords: [contract, invoice, payment], min_matches: 2 }
                injection: false
                """);
        assertThat(output(check, "The contract covers liability and payment terms."))
                .extracting(Finding::rule).containsExactlyInAnyOrder("topic:legal", "topic:finance");
        assertThat(output(check, "The contract covers the lawsuit."))
                .extracting(Finding::rule).containsExactly("topic:legal");
    }
}
