package dev.sluice.plugins.guardrail.rules;

import static dev.sluice.plugins.guardrail.rules.Checks.check;
import static dev.sluice.plugins.guardrail.rules.Checks.input;
import static dev.sluice.plugins.guardrail.rules.Checks.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.GuardrailCheck;
import org.junit.jupiter.api.Test;

class SizeRuleTest {

    @Test
    void messageOverTheLimitIsBlockedAsAWhole() {
        GuardrailCheck check = check("max_prompt_tokens: 100\ninjection: false");
        assertThat(input(check, "x".repeat(401))).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("max_prompt_tokens");
            assertThat(f.type()).isEqualTo("SIZE");
            assertThat(f.hasSpan()).isFalse();
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.detail()).contains("101 tokens").contains("limit of 100");
        });
    }

    @Test
    void messageAtTheLimitPasses() {
        assertThat(input(check("max_prompt_tokens: 100\ninjection: false"), "x".repeat(400))).isEmpty();
    }

    @Test
    void limitMayFlagInstead() {
        GuardrailCheck check = check("max_prompt_tokens: { limit: 10, action: flag }\ninjection: false");
        assertThat(input(check, "y".repeat(41))).extracting(f -> f.action()).containsExactly(Action.FLAG);
    }

    @Test
    void topLevelActionDoesNotChangeTheSizeDefault() {
        GuardrailCheck check = check("action: flag\nmax_prompt_tokens: 10\ninjection: false");
        assertThat(input(check, "y".repeat(41))).extracting(f -> f.action()).containsExactly(Action.BLOCK);
    }

    @Test
    void answersAreNotMeasured() {
        assertThat(output(check("max_prompt_tokens: 10"), "z".repeat(1_000))).isEmpty();
    }
}
