package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.route.RouteSwitch;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code js} routing strategy: a policy orders the route's targets per request. */
class JsStrategyTest {
    private static final Target BIG = new Target("openai", "gpt-4o", 1, Settings.empty("t"));
    private static final Target SMALL = new Target("mock", "small", 1, Settings.empty("t"));
    private static final Route ROUTE = new Route("chat", "js", List.of(BIG, SMALL), Settings.empty("t"));

    @TempDir
    Path home;
    private StubContext context;

    @BeforeEach
    void policiesFolder() throws IOException {
        Files.createDirectories(home.resolve("policies"));
        context = new StubContext(home);
    }

    private TargetSelector selector(String file, String text, String options) throws IOException {
        Files.writeString(home.resolve("policies").resolve(file), text);
        Settings settings = Settings.of(Json.mapper().readTree(options));
        return new JsStrategy().create(ROUTE, settings, context);
    }

    private static Exchange exchange(Caller caller) {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("user", "hi")));
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, request, caller, h -> Optional.empty(),
                Instant.now(), System.nanoTime());
    }

    @Test
    void theOrderFollowsTheCallersTier() throws IOException {
        TargetSelector selector = selector("tiers.js", """
                export function route(request, ctx) {
                  return ctx.caller.tags.includes('gold') ? ['openai/gpt-4o', 'mock/small'] : ['mock/small'];
                }
                """, "{\"file\":\"tiers.js\"}");
        assertThat(selector.order(exchange(Caller.ANONYMOUS.withTags(List.of("gold"))))).containsExactly(BIG, SMALL);
        assertThat(selector.order(exchange(Caller.ANONYMOUS))).containsExactly(SMALL);
    }

    @Test
    void returningNothingKeepsTheConfiguredOrder() throws IOException {
        TargetSelector selector = selector("none.js", "export function route() {}\n", "{\"value\":\"none.js\"}");
        assertThat(selector.order(exchange(Caller.ANONYMOUS))).containsExactly(BIG, SMALL);
    }

    @Test
    void aNamedOrderingSortsTheChosenTargets() throws IOException {
        context.health("openai/gpt-4o", new TargetHealth(TargetHealth.State.HEALTHY, 10, 0, Duration.ofMillis(900),
                Duration.ZERO, Duration.ofMillis(1200)));
        context.health("mock/small", new TargetHealth(TargetHealth.State.HEALTHY, 10, 0, Duration.ofMillis(40),
                Duration.ZERO, Duration.ofMillis(60)));
        TargetSelector selector = selector("fastest.js", """
                export function route(request, ctx) {
                  return { targets: ctx.targets.map(t => t.label), strategy: 'least-latency' };
                }
                """, "{\"file\":\"fastest.js\"}");
        assertThat(selector.order(exchange(Caller.ANONYMOUS))).containsExactly(SMALL, BIG);
    }

    @Test
    void thePolicySeesLiveHealth() throws IOException {
        context.health("openai/gpt-4o", new TargetHealth(TargetHealth.State.OPEN, 10, 1, Duration.ZERO,
                Duration.ZERO, Duration.ZERO));
        TargetSelector selector = selector("healthy.js", """
                export function route(request, ctx) {
                  return ctx.targets.filter(t => ctx.health(t.label).available).map(t => t.label);
                }
                """, "{\"file\":\"healthy.js\"}");
        assertThat(selector.order(exchange(Caller.ANONYMOUS))).containsExactly(SMALL);
    }

    @Test
    void aFailingPolicyFailsTheRequestWithA500NamingTheLine() throws IOException {
        TargetSelector selector = selector("throws.js", "export function route(request, ctx) {\n"
                + "  return ctx.nothing.here;\n}\n", "{\"file\":\"throws.js\"}");
        assertThatThrownBy(() -> selector.order(exchange(Caller.ANONYMOUS)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("throws.js:2:").contains("TypeError");
                });
    }

    @Test
    void withOnErrorDefaultAFailingPolicyFallsBackToTheConfiguredOrder() throws IOException {
        TargetSelector selector = selector("garbage.js", "export function route() { return 42; }\n",
                "{\"file\":\"garbage.js\",\"on_error\":\"default\"}");
        assertThat(selector.order(exchange(Caller.ANONYMOUS))).containsExactly(BIG, SMALL);
    }

    @Test
    void aTargetOutsideTheRouteIsABadResult() throws IOException {
        TargetSelector selector = selector("elsewhere.js", "export function route() { return ['evil/model']; }\n",
                "{\"file\":\"elsewhere.js\"}");
        assertThatThrownBy(() -> selector.order(exchange(Caller.ANONYMOUS)))
                .hasMessageContaining("not a target of model chat");
    }

    @Test
    void aNameThatIsNoTargetHandsTheRequestToThatModelRoute() throws IOException {
        TargetSelector selector = selector("switch.js", """
                export function route(request, ctx) {
                  return ctx.caller.tags.includes('batch') ? 'cheap' : { route: 'premium' };
                }
                """, "{\"file\":\"switch.js\",\"on_error\":\"default\"}");
        assertThatThrownBy(() -> selector.order(exchange(Caller.ANONYMOUS.withTags(List.of("batch")))))
                .isInstanceOfSatisfying(RouteSwitch.class, wanted -> {
                    assertThat(wanted.route()).isEqualTo("cheap");
                    assertThat(wanted.policy()).isEqualTo("switch.js");
                    assertThat(wanted.failOnError()).isFalse();
                });
        assertThatThrownBy(() -> selector.order(exchange(Caller.ANONYMOUS)))
                .isInstanceOfSatisfying(RouteSwitch.class, wanted -> assertThat(wanted.route()).isEqualTo("premium"));
    }

    @Test
    void namingItsOwnRouteKeepsTheConfiguredOrder() throws IOException {
        TargetSelector selector = selector("own.js", "export function route() { return { route: 'chat' }; }\n",
                "{\"file\":\"own.js\"}");
        assertThat(selector.order(exchange(Caller.ANONYMOUS))).containsExactly(BIG, SMALL);
    }

    @Test
    void aRouteTogetherWithTargetsIsABadResult() throws IOException {
        TargetSelector selector = selector("both.js",
                "export function route() { return { route: 'cheap', targets: ['mock/small'] }; }\n",
                "{\"file\":\"both.js\"}");
        assertThatThrownBy(() -> selector.order(exchange(Caller.ANONYMOUS)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("route together with targets");
                });
    }

    @Test
    void aMissingFileIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> new JsStrategy().create(ROUTE, Settings.of(Json.mapper().readTree(
                "{\"file\":\"missing.js\"}")), context))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.js");
    }

    @Test
    void aFileWithoutRouteIsAConfigurationError() throws IOException {
        Files.writeString(home.resolve("policies/request-only.js"), "export function onRequest() {}\n");
        assertThatThrownBy(() -> new JsStrategy().create(ROUTE, Settings.of(Json.mapper().readTree(
                "{\"file\":\"request-only.js\"}")), context))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs the file to export route()");
    }

    @Test
    void badLimitsAreConfigurationErrors() {
        assertThatThrownBy(() -> new JsStrategy().create(ROUTE, Settings.of(Json.mapper().readTree(
                "{\"file\":\"x.js\",\"timeout\":\"0ms\"}")), context)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new JsStrategy().create(ROUTE, Settings.of(Json.mapper().readTree(
                "{\"file\":\"x.js\",\"on_error\":\"continue\"}")), context)).hasMessageContaining("fail or default");
    }
}
