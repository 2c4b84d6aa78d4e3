package dev.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.js.PolicyTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptLengthTest {
    private static final PolicyTester POLICY = Examples.policy("prompt-length.js");
    private static final List<String> TARGETS = List.of("openai/gpt-4o-mini", "anthropic/claude-long", "mock/fast");

    @Test
    void aShortPromptGoesToTheFastTargetsWithTheLongContextOneAsFallback() {
        assertThat(POLICY.route(Examples.chat("What is 2 + 2?").withTargets(TARGETS)).order())
                .containsExactly("openai/gpt-4o-mini", "mock/fast", "anthropic/claude-long");
    }

    @Test
    void aLongPromptGoesOnlyToTheLongContextTargets() {
        String longPrompt = "Please read this contract carefully. ".repeat(1000);
        assertThat(POLICY.route(Examples.chat(longPrompt).withTargets(TARGETS)).order())
                .containsExactly("anthropic/claude-long");
    }

    @Test
    void aRouteWithoutLongContextTargetsKeepsItsConfiguredOrder() {
        String longPrompt = "x".repeat(40_000);
        List<String> shortOnly = List.of("openai/gpt-4o-mini", "mock/fast");
        assertThat(POLICY.route(Examples.chat(longPrompt).withTargets(shortOnly)).order()).isEqualTo(shortOnly);
    }
}
