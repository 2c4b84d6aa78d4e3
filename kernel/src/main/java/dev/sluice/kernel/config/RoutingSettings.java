package dev.sluice.kernel.config;

import dev.sluice.kernel.config.GatewayConfig.Affinity;
import dev.sluice.kernel.config.GatewayConfig.AffinityConfig;
import dev.sluice.kernel.config.GatewayConfig.Backoff;
import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.kernel.config.GatewayConfig.Hedge;
import dev.sluice.kernel.config.GatewayConfig.RouteOptions;
import dev.sluice.kernel.config.GatewayConfig.RoutingConfig;
import dev.sluice.spi.config.Settings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the routing keys: {@code routing:} (direct addressing, failover defaults, health,
 * affinity) and, per route, {@code failover:}, {@code affinity:} and {@code hedge:}. Durations
 * that may be switched off take {@code none}.
 */
final class RoutingSettings {
    private static final String NONE = "none";

    private RoutingSettings() {
    }

    /** {@code routing:}; absent means every default. */
    static RoutingConfig routing(Optional<Settings> section) {
        if (section.isEmpty()) {
            return RoutingConfig.DEFAULT;
        }
        Settings r = section.get();
        boolean direct = r.bool("direct").orElse(true);
        FailoverConfig failover = r.child("failover").map(f -> failover(f, FailoverConfig.DEFAULT, false))
                .orElse(FailoverConfig.DEFAULT);
        HealthConfig health = r.child("health").map(RoutingSettings::health).orElse(HealthConfig.DEFAULT);
        AffinityConfig affinity = r.child("affinity").map(RoutingSettings::affinity).orElse(AffinityConfig.DEFAULT);
        ConfigReader.rejectUnknown(r);
        return new RoutingConfig(direct, failover, health, affinity);
    }

    /**
     * A {@code failover:} mapping: every key left out keeps the value of {@code defaults}.
     *
     * @param perRoute whether this is a route's own mapping (which may set {@code latency_threshold})
     */
    static FailoverConfig failover(Settings f, FailoverConfig defaults, boolean perRoute) {
        Set<Integer> statuses = f.has("on_status") ? statuses(f) : defaults.onStatus();
        int attempts = f.integer("max_attempts").orElse(defaults.maxAttempts());
        if (attempts < 1) {
            throw f.error("max_attempts", "must be at least 1");
        }
        int retries = f.integer("retries").orElse(defaults.retries());
        if (retries < 0) {
            throw f.error("retries", "must not be negative");
        }
        Optional<Duration> firstToken = optionalDuration(f, "first_token_timeout", defaults.firstTokenTimeout());
        Optional<Duration> stall = optionalDuration(f, "stall_timeout", defaults.stallTimeout());
        Optional<Duration> total = optionalDuration(f, "total_timeout", defaults.totalTimeout());
        Backoff backoff = f.child("backoff").map(b -> backoff(b, defaults.backoff())).orElse(defaults.backoff());
        if (!perRoute && f.keys().contains("latency_threshold")) {
            throw f.error("latency_threshold", "set it per route, or for every target in routing.health");
        }
        Optional<Duration> latency = perRoute
                ? optionalDuration(f, "latency_threshold", defaults.latencyThreshold())
                : defaults.latencyThreshold();
        ConfigReader.rejectUnknown(f);
        return new FailoverConfig(statuses, attempts, retries, firstToken, stall, total, backoff, latency);
    }

    /** A route's {@code affinity} and {@code hedge}. */
    static RouteOptions routeOptions(Settings m) {
        Affinity affinity = m.string("affinity").map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Affinity.NONE;
            case "session" -> Affinity.SESSION;
            default -> throw m.error("affinity", "expected session or none, got \"" + value + "\"");
        }).orElse(Affinity.NONE);
        Optional<Hedge> hedge = m.child("hedge").map(RoutingSettings::hedge);
        return new RouteOptions(affinity, hedge);
    }

    private static Hedge hedge(Settings h) {
        String after = h.requireString("after").trim();
        Optional<Duration> delay = after.equalsIgnoreCase("p95") ? Optional.empty()
                : Optional.of(positive(h, "after", h.duration("after").orElseThrow(),
                        "expected p95 or a duration such as 250ms"));
        int max = h.integer("max").orElse(1);
        if (max < 1) {
            throw h.error("max", "must be at least 1");
        }
        ConfigReader.rejectUnknown(h);
        return new Hedge(delay, max);
    }

    private static Backoff backoff(Settings b, Backoff defaults) {
        Duration initial = b.duration("initial").orElse(defaults.initial());
        Duration max = b.duration("max").orElse(defaults.max());
        if (initial.isNegative()) {
            throw b.error("initial", "must not be negative");
        }
        if (max.compareTo(initial) < 0) {
            throw b.error("max", "must not be less than initial (" + initial.toMillis() + "ms)");
        }
        ConfigReader.rejectUnknown(b);
        return new Backoff(initial, max);
    }

    private static HealthConfig health(Settings h) {
        HealthConfig d = HealthConfig.DEFAULT;
        Duration window = h.duration("window").orElse(d.window());
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw h.error("window", "must be at least 1s");
        }
        int minRequests = h.integer("min_requests").orElse(d.minRequests());
        if (minRequests < 1) {
            throw h.error("min_requests", "must be at least 1");
        }
        double errorRate = h.number("error_rate").orElse(d.errorRate());
        if (!(errorRate > 0 && errorRate <= 1)) {
            throw h.error("error_rate", "must be more than 0 and at most 1 (a share: 0.5 is 50%)");
        }
        Duration cooldown = positive(h, "cooldown", h.duration("cooldown").orElse(d.cooldown()), "must be more than 0");
        Optional<Duration> latency = optionalDuration(h, "latency_threshold", d.latencyThreshold());
        ConfigReader.rejectUnknown(h);
        return new HealthConfig(window, minRequests, errorRate, cooldown, latency);
    }

    private static AffinityConfig affinity(Settings a) {
        AffinityConfig d = AffinityConfig.DEFAULT;
        int max = a.integer("max_sessions").orElse(d.maxSessions());
        if (max < 1) {
            throw a.error("max_sessions", "must be at least 1");
        }
        Duration ttl = positive(a, "session_ttl", a.duration("session_ttl").orElse(d.sessionTtl()), "must be more than 0");
        ConfigReader.rejectUnknown(a);
        return new AffinityConfig(max, ttl);
    }

    private static Set<Integer> statuses(Settings f) {
        Set<Integer> statuses = new LinkedHashSet<>();
        List<String> configured = f.strings("on_status");
        for (String s : configured) {
            int status;
            try {
                status = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw f.error("on_status", "expected HTTP status codes, got \"" + s + "\"");
            }
            if (status < 400 || status > 599) {
                throw f.error("on_status", "statuses must be between 400 and 599, got " + status);
            }
            statuses.add(status);
        }
        return Set.copyOf(statuses);
    }

    /** A duration that must be more than zero, or {@code none}; absent keeps {@code fallback}. */
    private static Optional<Duration> optionalDuration(Settings s, String key, Optional<Duration> fallback) {
        Optional<String> raw = s.string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        if (raw.get().trim().equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        return Optional.of(positive(s, key, s.duration(key).orElseThrow(), "must be more than 0 (or none)"));
    }

    private static Duration positive(Settings s, String key, Duration value, String problem) {
        if (value.isZero() || value.isNegative()) {
            throw s.error(key, problem);
        }
        return value;
    }
}
