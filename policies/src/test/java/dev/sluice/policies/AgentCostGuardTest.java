package dev.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.kernel.js.PolicyProbe;
import dev.sluice.kernel.js.PolicyTester;
import dev.sluice.kernel.js.RequestVerdict;
import dev.sluice.spi.Caller;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentCostGuardTest {
    private static final PolicyTester POLICY = Examples.policy("agent-cost-guard.js");
    private static final Caller AGENT = Caller.ANONYMOUS.withSession("sess-42");

    private static JsonNode sent(RequestVerdict verdict) throws IOException {
        return Json.mapper().readTree(verdict.requestJson());
    }

    @Test
    void requestsWithoutASessionPassUnchanged() {
        RequestVerdict verdict = POLICY.onRequest(Examples.chat("smart", "Be brief.", "hi"));
        assertThat(verdict.rejected()).isFalse();
        assertThat(verdict.changed()).isFalse();
        assertThat(verdict.tags()).isEmpty();
    }

    @Test
    void anAgentsAnswerIsCappedAndItsExpensiveRouteSwapped() throws IOException {
        RequestVerdict verdict = POLICY.onRequest(Examples.chat("smart", "Be brief.", "plan the next step")
                .withCaller(AGENT));
        assertThat(verdict.rejected()).isFalse();
        assertThat(sent(verdict).path("max_completion_tokens").asInt()).isEqualTo(1024);
        assertThat(sent(verdict).path("model").asText()).isEqualTo("fast");
        assertThat(verdict.tags()).containsExactly("agent");
        assertThat(verdict.logs()).containsExactly("agent session sess-42: smart -> fast");
    }

    @Test
    void aSmallerCapTheAgentAskedForIsKept() {
        RequestVerdict verdict = POLICY.onRequest(PolicyProbe.of(
                "{\"model\":\"other\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}")
                .withCaller(AGENT));
        assertThat(verdict.changed()).isFalse();
        assertThat(verdict.tags()).containsExactly("agent");
    }

    @Test
    void aCallerTaggedAgentCountsAsAnAgent() throws IOException {
        RequestVerdict verdict = POLICY.onRequest(Examples.chat("other", "x", "y")
                .withCaller(Caller.ANONYMOUS.withTags(List.of("agent"))));
        assertThat(sent(verdict).path("max_completion_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void anOversizedAgentPromptIsRejectedWith413() {
        RequestVerdict verdict = POLICY.onRequest(Examples.chat("smart", "x", "word ".repeat(30_000))
                .withCaller(AGENT));
        assertThat(verdict.rejected()).isTrue();
        assertThat(verdict.status()).contains(413);
        assertThat(verdict.message()).hasValueSatisfying(m -> assertThat(m).contains("limited to 32000 tokens"));
    }

    @Test
    void aSessionThatHasSpentItsBudgetIsStoppedWith429() {
        RequestVerdict stopped = POLICY.onRequest(Examples.chat("smart", "x", "next step").withCaller(AGENT)
                .withSpend("session_usd", 5.25));
        assertThat(stopped.rejected()).isTrue();
        assertThat(stopped.status()).contains(429);
        assertThat(stopped.message()).contains("agent session sess-42 has spent $5.25 of its $5 budget");

        RequestVerdict allowed = POLICY.onRequest(Examples.chat("smart", "x", "next step").withCaller(AGENT)
                .withSpend("session_usd", 4.99));
        assertThat(allowed.rejected()).isFalse();
    }
}
