package dev.sluice.kernel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one route served by one provider. Built once per pair and kept, so recording a
 * request touches only meters already found: no tag lists, no registry lookups.
 */
final class ProviderMeters {
    /** Histogram bounds, 50 µs to 60 s in 1-2-5 steps: fine enough for p50 and p99 at both ends. */
    static final Duration[] BUCKETS = {
        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(200_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60),
    };
    private static final int LOWEST_STATUS = 100;
    private static final int STATUSES = 500;

    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer duration;
    private final Timer overhead;
    private final Timer firstToken;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter costSaved;
    /** Request counters by status and outcome: slot {@code 2 * (status - 100) + (ok ? 0 : 1)}, last two for odd statuses. */
    private final AtomicReferenceArray<Counter> requests = new AtomicReferenceArray<>(2 * STATUSES + 2);
    private final ConcurrentHashMap<String, Counter> costByTeam = new ConcurrentHashMap<>();

    ProviderMeters(MeterRegistry registry, String route, String provider) {
        this.registry = registry;
        this.tags = Tags.of("route", route, "provider", provider);
        this.duration = timer(MetricNames.REQUEST_DURATION,
                "Time from a request's arrival to its last byte (the whole stream for streams).");
        this.overhead = timer(MetricNames.GATEWAY_OVERHEAD,
                "The part of a request's time not spent waiting for upstreams, for requests that reached one.");
        this.firstToken = timer(MetricNames.TIME_TO_FIRST_TOKEN, "Time from a stream's arrival to its first chunk.");
        this.inputTokens = tokens("input");
        this.outputTokens = tokens("output");
        this.costSaved = Counter.builder(MetricNames.COST_SAVED).description("What cache hits saved, in US dollars.")
                .tags(tags).register(registry);
    }

    private Timer timer(String name, String help) {
        return Timer.builder(name).description(help).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter tokens(String type) {
        return Counter.builder(MetricNames.TOKENS).description("Tokens, by type: input (prompt) or output (completion).")
                .tags(tags).tag("type", type).register(registry);
    }

    void request(int status, boolean ok) {
        int slot = status >= LOWEST_STATUS && status < LOWEST_STATUS + STATUSES ? 2 * (status - LOWEST_STATUS)
                : 2 * STATUSES;
        slot += ok ? 0 : 1;
        Counter counter = requests.get(slot);
        if (counter == null) {
            String code = slot >= 2 * STATUSES ? LabelValues.OTHER : Integer.toString(status);
            // Registering twice returns the same counter, so a race here is harmless.
            counter = Counter.builder(MetricNames.REQUESTS)
                    .description("Requests, by route, provider, HTTP status and outcome (ok or error).")
                    .tags(tags).tag("status", code).tag("outcome", ok ? "ok" : "error").register(registry);
            requests.set(slot, counter);
        }
        counter.increment();
    }

    void duration(double millis) {
        duration.record(nanos(millis), TimeUnit.NANOSECONDS);
    }

    void overhead(double millis) {
        overhead.record(nanos(millis), TimeUnit.NANOSECONDS);
    }

    void firstToken(double millis) {
        firstToken.record(nanos(millis), TimeUnit.NANOSECONDS);
    }

    void tokens(Integer input, Integer output) {
        if (input != null && input > 0) {
            inputTokens.increment(input);
        }
        if (output != null && output > 0) {
            outputTokens.increment(output);
        }
    }

    void cost(String team, double usd) {
        Counter counter = costByTeam.get(team);
        if (counter == null) {
            counter = costByTeam.computeIfAbsent(team, t -> Counter.builder(MetricNames.COST)
                    .description("What requests cost, in US dollars, by route, provider and team.")
                    .tags(tags).tag("team", t).register(registry));
        }
        counter.increment(usd);
    }

    void costSaved(double usd) {
        costSaved.increment(usd);
    }

    private static long nanos(double millis) {
        return millis <= 0 ? 0 : (long) (millis * 1_000_000);
    }
}
