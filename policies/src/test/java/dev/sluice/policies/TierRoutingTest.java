package dev.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.js.PolicyProbe;
import dev.sluice.kernel.js.PolicyTester;
import dev.sluice.spi.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierRoutingTest {
    private static final PolicyTester POLICY = Examples.policy("tier-routing.js");
    private static final List<String> TARGETS = List.of("openai/gpt-4o", "anthropic/claude-sonnet", "openai/gpt-4o-mini");

    private static List<String> orderFor(Caller caller) {
        PolicyProbe probe = Examples.chat("hello").withCaller(caller).withTargets(TARGETS);
        return POLICY.route(probe).order();
    }

    @Test
    void goldCallersGetEveryTargetMostCapableFirst() {
        assertThat(orderFor(Caller.ANONYMOUS.withTags(List.of("tier:gold")))).containsExactlyElementsOf(TARGETS);
    }

    @Test
    void silverCallersGetTheCheapestFirst() {
        assertThat(orderFor(Caller.ANONYMOUS.withTags(List.of("tier:silver"))))
                .containsExactly("openai/gpt-4o-mini", "anthropic/claude-sonnet", "openai/gpt-4o");
    }

    @Test
    void freeAndUnknownCallersGetOnlyTheCheapest() {
        assertThat(orderFor(Caller.ANONYMOUS)).containsExactly("openai/gpt-4o-mini");
        assertThat(orderFor(Caller.ANONYMOUS.withTags(List.of("tier:platinum")))).containsExactly("openai/gpt-4o-mini");
    }

    @Test
    void aTeamsTierAppliesWhenTheCallerHasNoTierTag() {
        assertThat(orderFor(Caller.ANONYMOUS.withTeam("research"))).containsExactlyElementsOf(TARGETS);
        assertThat(orderFor(Caller.ANONYMOUS.withTeam("support")).get(0)).isEqualTo("openai/gpt-4o-mini");
    }
}
