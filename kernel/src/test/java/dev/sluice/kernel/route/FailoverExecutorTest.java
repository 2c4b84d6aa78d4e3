package dev.sluice.kernel.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.config.GatewayConfig.Affinity;
import dev.sluice.kernel.config.GatewayConfig.Backoff;
import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.kernel.config.GatewayConfig.Hedge;
import dev.sluice.kernel.config.GatewayConfig.RouteOptions;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.kernel.support.ScriptedProvider;
import dev.sluice.kernel.support.ScriptedProvider.Mode;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth.State;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The failover executor with scripted providers and no sockets: timeouts, stalls, retries,
 * hedging, breakers and affinity as the router applies them. Time limits in these tests are
 * generous lower bounds; no test asserts that something was fast.
 */
class FailoverExecutorTest {
    private static final Set<Integer> STATUSES = FailoverConfig.DEFAULT.onStatus();

    private final ScriptedProvider a = new ScriptedProvider("a");
    private final ScriptedProvider b = new ScriptedProvider("b");
    private final RoutingState state = RoutingState.create(Clock.systemUTC());
    private final Target ta = new Target("a", "model-a", 1, Settings.empty("t"));
    private final Target tb = new Target("b", "model-b", 1, Settings.empty("t"));

    private static FailoverConfig failover(Optional<Duration> firstToken, Optional<Duration> stall,
            Optional<Duration> total, int attempts) {
        return new FailoverConfig(STATUSES, attempts, attempts - 1, firstToken, stall, total,
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(5)), Optional.empty());
    }

    private Router router(FailoverConfig failover, RouteOptions options, List<Target> targets, TargetSelector selector) {
        Route route = new Route("main", "test", targets, Settings.empty("models[0]"));
        Map<Target, TargetStats> stats = new LinkedHashMap<>();
        targets.forEach(t -> stats.put(t, state.health().register(t.label())));
        CompiledRoute compiled = new CompiledRoute(route, selector, failover, options, stats);
        Map<String, Provider> providers = Map.of("a", a, "b", b);
        return new Router(Map.of("main", compiled), providers, false, state, FailoverConfig.DEFAULT);
    }

    private Router router(FailoverConfig failover) {
        return router(failover, RouteOptions.DEFAULT, List.of(ta, tb), exchange -> List.of(ta, tb));
    }

    private static Exchange exchange(boolean stream, Caller caller) {
        ChatRequest request = ChatRequest.of("main", List.of(Message.of("user", "hi"))).withStream(stream);
        return new Exchange("req_test", Operation.CHAT, InboundApi.OPENAI, request, caller, name -> Optional.empty(),
                Instant.now(), System.nanoTime());
    }

    private static String text(Result result) {
        return ((Result.Chat) result).response().choices().get(0).message().text();
    }

    @Test
    void aCallWithNoAnswerWithinTheFirstTokenTimeoutIsInterruptedAndTheNextTargetServes() {
        a.mode(Mode.HANG);
        Exchange exchange = exchange(false, Caller.ANONYMOUS);

        Result result = router(failover(Optional.of(Duration.ofMillis(300)), Optional.empty(), Optional.empty(), 3))
                .route(exchange);

        assertThat(text(result)).isEqualTo("from b");
        List<Attempt> attempts = exchange.attempts();
        assertThat(attempts).extracting(Attempt::provider).containsExactly("a", "b");
        assertThat(attempts.get(0).status()).isZero();
        assertThat(attempts.get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("first_token_timeout"));
        assertThat(attempts.get(0).latencyMillis()).isGreaterThanOrEqualTo(300);
        awaitCondition(() -> a.interruptedCalls() == 1);
    }

    @Test
    void theTotalTimeoutEndsTheRequestWith504AndAbandonsTheRunningAttempt() {
        a.mode(Mode.HANG);
        b.mode(Mode.HANG);
        Exchange exchange = exchange(false, Caller.ANONYMOUS);
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(400)), 3));

        assertThatThrownBy(() -> router.route(exchange)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
            assertThat(e.getMessage()).contains("total_timeout");
        });
        assertThat(exchange.attempts()).hasSize(1);
        assertThat(b.calls()).isZero();
        awaitCondition(() -> a.interruptedCalls() == 1);
    }

    @Test
    void aStreamThatStallsBeforeItsFirstChunkFailsOverAndIsClosed() {
        a.mode(Mode.STALL_BEFORE_FIRST_CHUNK);
        Exchange exchange = exchange(true, Caller.ANONYMOUS);

        Result result = router(failover(Optional.empty(), Optional.of(Duration.ofMillis(300)), Optional.empty(), 3))
                .route(exchange);

        try (var chunks = ((Result.Stream) result).chunks()) {
            assertThat(chunks.next()).map(c -> c.choices().get(0).delta().text()).contains("b1");
        }
        assertThat(exchange.servedBy()).contains(tb);
        assertThat(exchange.attempts().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("stall_timeout"));
        assertThat(a.closedStreams()).isEqualTo(1);
    }

    @Test
    void aStreamThatStallsAfterItsFirstChunkEndsWithATimeoutAndNoSwitch() {
        a.mode(Mode.STALL_AFTER_FIRST_CHUNK);
        Exchange exchange = exchange(true, Caller.ANONYMOUS);

        Result result = router(failover(Optional.empty(), Optional.of(Duration.ofMillis(300)), Optional.empty(), 3))
                .route(exchange);

        try (var chunks = ((Result.Stream) result).chunks()) {
            Optional<ChatChunk> first = chunks.next();
            assertThat(first).map(c -> c.choices().get(0).delta().text()).contains("a1");
            assertThatThrownBy(chunks::next).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT));
        }
        assertThat(b.calls()).isZero();
        assertThat(state.health().find("a/model-a").orElseThrow().totals().errors()).isEqualTo(1);
    }

    @Test
    void aRetryOfTheSameTargetWaitsAtLeastItsRetryAfter() {
        a.fail(429, Duration.ofMillis(500), 1);
        Exchange exchange = exchange(false, Caller.ANONYMOUS);
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 2), RouteOptions.DEFAULT,
                List.of(ta), ex -> List.of(ta));

        long start = System.nanoTime();
        Result result = router.route(exchange);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(text(result)).isEqualTo("from a");
        assertThat(exchange.attempts()).extracting(Attempt::status).containsExactly(429, 200);
    }

    @Test
    void aRetryAfterLongerThanTheBackoffMaximumIsNotWaitedFor() {
        a.fail(429, Duration.ofSeconds(60), 1);
        Exchange exchange = exchange(false, Caller.ANONYMOUS);
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 3), RouteOptions.DEFAULT,
                List.of(ta), ex -> List.of(ta));

        assertThatThrownBy(() -> router.route(exchange)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.status()).isEqualTo(429));
        assertThat(a.calls()).isEqualTo(1);
    }

    @Test
    void aHedgedAttemptAnswersFirstAndTheSlowOneIsAbandonedAndRecorded() {
        a.mode(Mode.HANG);
        Exchange exchange = exchange(false, Caller.ANONYMOUS);
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 3),
                new RouteOptions(Affinity.NONE, Optional.of(new Hedge(Optional.of(Duration.ofMillis(200)), 1))),
                List.of(ta, tb), ex -> List.of(ta, tb));

        Result result = router.route(exchange);

        assertThat(text(result)).isEqualTo("from b");
        assertThat(exchange.attempts()).extracting(Attempt::provider).containsExactly("a", "b");
        assertThat(exchange.attempts().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("abandoned"));
        assertThat(exchange.attempts().get(1).succeeded()).isTrue();
        awaitCondition(() -> a.interruptedCalls() == 1);
        assertThat(state.health().find("a/model-a").orElseThrow().totals().requests())
                .as("an abandoned loser is no verdict on its target").isZero();
    }

    @Test
    void noHedgeIsSentWhenTheFirstAttemptAnswersInTime() {
        a.answer(Duration.ZERO);
        Exchange exchange = exchange(false, Caller.ANONYMOUS);
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 3),
                new RouteOptions(Affinity.NONE, Optional.of(new Hedge(Optional.of(Duration.ofSeconds(30)), 1))),
                List.of(ta, tb), ex -> List.of(ta, tb));

        assertThat(text(router.route(exchange))).isEqualTo("from a");
        assertThat(b.calls()).isZero();
        assertThat(exchange.attempts()).hasSize(1);
    }

    @Test
    void anOpenTargetIsSkippedWithoutAnAttempt() {
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 3));
        openBreaker("a/model-a");
        Exchange exchange = exchange(false, Caller.ANONYMOUS);

        assertThat(text(router.route(exchange))).isEqualTo("from b");
        assertThat(a.calls()).isZero();
        assertThat(exchange.attempts()).extracting(Attempt::provider).containsExactly("b");
    }

    @Test
    void whenEveryTargetIsOpenTheOneWhoseCooldownEndsSoonestIsStillTried() {
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 3));
        openBreaker("b/model-b");
        openBreaker("a/model-a");
        Exchange exchange = exchange(false, Caller.ANONYMOUS);

        assertThat(text(router.route(exchange))).isEqualTo("from b");
        assertThat(state.health().find("b/model-b").orElseThrow().state())
                .as("its success closed the breaker").isEqualTo(State.HEALTHY);
        assertThat(a.calls()).isZero();
    }

    @Test
    void aSessionStaysOnItsTargetWhileAStrategyAlternatesAndMovesWhenTheTargetFails() {
        AtomicInteger turn = new AtomicInteger();
        TargetSelector alternating = ex -> turn.getAndIncrement() % 2 == 0 ? List.of(ta, tb) : List.of(tb, ta);
        Router router = router(failover(Optional.empty(), Optional.empty(), Optional.empty(), 3),
                new RouteOptions(Affinity.SESSION, Optional.empty()), List.of(ta, tb), alternating);
        Caller session = Caller.ANONYMOUS.withSession("s-1");

        for (int i = 0; i < 50; i++) {
            assertThat(text(router.route(exchange(false, session)))).as("call " + i).isEqualTo("from a");
        }
        assertThat(List.of(text(router.route(exchange(false, Caller.ANONYMOUS))),
                text(router.route(exchange(false, Caller.ANONYMOUS)))))
                .as("the strategy alternates for calls without a session").containsExactlyInAnyOrder("from a", "from b");

        a.fail(503, null, Integer.MAX_VALUE);
        assertThat(text(router.route(exchange(false, session)))).isEqualTo("from b");
        a.answer(Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            assertThat(text(router.route(exchange(false, session)))).as("after the move, call " + i).isEqualTo("from b");
        }
    }

    private void openBreaker(String label) {
        TargetStats stats = state.health().find(label).orElseThrow();
        HealthConfig config = state.health().config();
        for (int i = 0; i < config.minRequests(); i++) {
            stats.failure(false);
        }
        assertThat(stats.state()).isEqualTo(State.OPEN);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
