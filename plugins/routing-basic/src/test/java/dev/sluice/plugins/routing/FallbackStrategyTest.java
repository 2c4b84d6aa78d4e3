package dev.sluice.plugins.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FallbackStrategyTest {
    private static final Target PRIMARY = target("openai", "gpt-4o-mini", 1);
    private static final Target SECONDARY = target("anthropic", "claude-haiku", 3);
    private static final Target FALLBACK_ONLY = target("local", "llama3.2", 0);

    /** The strategy needs no HTTP and no time; a context that refuses both proves it. */
    private static final GatewayContext CONTEXT = new GatewayContext() {
        @Override
        public UpstreamClient http(UpstreamOptions options) {
            throw new AssertionError("fallback routing must not use HTTP");
        }

        @Override
        public Clock clock() {
            throw new AssertionError("fallback routing must not read the clock");
        }

        @Override
        public Optional<String> env(String name) {
            return Optional.empty();
        }
    };

    private static Target target(String provider, String model, int weight) {
        return new Target(provider, model, weight, Settings.empty("targets"));
    }

    private static Exchange exchange() {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("user", "hi")));
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                name -> Optional.empty(), Instant.EPOCH, 0);
    }

    private static TargetSelector selector(List<Target> targets, Settings settings) {
        return new FallbackStrategy().create(new Route("chat", "fallback", targets, Settings.empty("models[0]")),
                settings, CONTEXT);
    }

    @Test
    void strategyIsNamedFallback() {
        assertThat(new FallbackStrategy().name()).isEqualTo("fallback");
    }

    @Test
    void targetsAreTriedInConfiguredOrderWhateverTheirWeights() {
        TargetSelector selector = selector(List.of(SECONDARY, PRIMARY), Settings.empty("strategy_options"));

        assertThat(selector.order(exchange())).containsExactly(SECONDARY, PRIMARY);
    }

    @Test
    void targetsWithWeightZeroAreIncluded() {
        TargetSelector selector = selector(List.of(FALLBACK_ONLY, PRIMARY), Settings.empty("strategy_options"));

        assertThat(selector.order(exchange())).containsExactly(FALLBACK_ONLY, PRIMARY);
    }

    @Test
    void everyRequestGetsTheSameOrder() {
        TargetSelector selector = selector(List.of(PRIMARY, SECONDARY, FALLBACK_ONLY),
                Settings.empty("strategy_options"));

        assertThat(selector.order(exchange())).isEqualTo(selector.order(exchange()));
    }

    @Test
    void openTargetIsTriedLast() {
        FakeContext context = new FakeContext().health(PRIMARY, Health.open());
        TargetSelector selector = new FallbackStrategy().create(new Route("chat", "fallback",
                List.of(PRIMARY, SECONDARY, FALLBACK_ONLY), Settings.empty("models[0]")),
                Settings.empty("strategy_options"), context);

        assertThat(selector.order(exchange())).containsExactly(SECONDARY, FALLBACK_ONLY, PRIMARY);
    }

    @Test
    void degradedTargetFollowsReadyOnesAndPrecedesOpenOnes() {
        FakeContext context = new FakeContext().health(PRIMARY, Health.degraded()).health(SECONDARY, Health.open());
        TargetSelector selector = new FallbackStrategy().create(new Route("chat", "fallback",
                List.of(PRIMARY, SECONDARY, FALLBACK_ONLY), Settings.empty("models[0]")),
                Settings.empty("strategy_options"), context);

        assertThat(selector.order(exchange())).containsExactly(FALLBACK_ONLY, PRIMARY, SECONDARY);
    }

    @Test
    void halfOpenTargetKeepsItsPlace() {
        FakeContext context = new FakeContext().health(PRIMARY, Health.halfOpen());
        TargetSelector selector = new FallbackStrategy().create(new Route("chat", "fallback",
                List.of(PRIMARY, SECONDARY), Settings.empty("models[0]")), Settings.empty("strategy_options"), context);

        assertThat(selector.order(exchange())).containsExactly(PRIMARY, SECONDARY);
    }

    @Test
    void everyRequestGetsTheSameListWhileAllTargetsAreReady() {
        TargetSelector selector = selector(List.of(PRIMARY, SECONDARY), Settings.empty("strategy_options"));

        assertThat(selector.order(exchange())).isSameAs(selector.order(exchange()));
    }

    @Test
    void givenSettingsAreLeftUnreadForTheKernelToReport() {
        Settings settings = Settings.of(JsonNodeFactory.instance.objectNode().put("sticky", true));

        selector(List.of(PRIMARY), settings);

        assertThat(settings.unreadKeys()).containsExactly("sticky");
    }
}
