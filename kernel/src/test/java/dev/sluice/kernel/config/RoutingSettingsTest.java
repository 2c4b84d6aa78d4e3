package dev.sluice.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.config.GatewayConfig.Affinity;
import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.kernel.config.GatewayConfig.RoutingConfig;
import dev.sluice.spi.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routing keys: defaults under {@code routing}, per-route overrides, and their errors. */
class RoutingSettingsTest {

    private static GatewayConfig read(String yaml) {
        return ConfigReader.read(yaml, "test.yaml", Path.of("/opt/sluice"), name -> Optional.empty());
    }

    private static final String ROUTE = """
            models:
              - name: chat
                targets: [{ provider: p, model: m }]
            """;

    @Test
    void withoutRoutingKeysEveryDefaultApplies() {
        GatewayConfig config = read(ROUTE);

        assertThat(config.routing()).isEqualTo(RoutingConfig.DEFAULT);
        FailoverConfig failover = config.models().get(0).failover();
        assertThat(failover).isEqualTo(FailoverConfig.DEFAULT);
        assertThat(failover.firstTokenTimeout()).isEmpty();
        assertThat(failover.retries()).isZero();
        assertThat(config.models().get(0).options().affinity()).isEqualTo(Affinity.NONE);
        assertThat(config.models().get(0).options().hedge()).isEmpty();
    }

    @Test
    void aRouteInheritsTheRoutingFailoverDefaultsAndOverridesKeyByKey() {
        GatewayConfig config = read("""
                routing:
                  failover:
                    first_token_timeout: 5s
                    stall_timeout: 10s
                    total_timeout: 30s
                    retries: 1
                    backoff: { initial: 200ms, max: 2s }
                models:
                  - name: chat
                    targets: [{ provider: p, model: m }]
                    failover: { first_token_timeout: none, max_attempts: 4, latency_threshold: 8s }
                  - name: other
                    targets: [{ provider: p, model: m }]
                """);

        FailoverConfig chat = config.models().get(0).failover();
        assertThat(chat.firstTokenTimeout()).isEmpty();
        assertThat(chat.stallTimeout()).contains(Duration.ofSeconds(10));
        assertThat(chat.totalTimeout()).contains(Duration.ofSeconds(30));
        assertThat(chat.maxAttempts()).isEqualTo(4);
        assertThat(chat.retries()).isEqualTo(1);
        assertThat(chat.backoff().initial()).isEqualTo(Duration.ofMillis(200));
        assertThat(chat.latencyThreshold()).contains(Duration.ofSeconds(8));
        FailoverConfig other = config.models().get(1).failover();
        assertThat(other.firstTokenTimeout()).contains(Duration.ofSeconds(5));
        assertThat(other.maxAttempts()).isEqualTo(3);
        assertThat(other.latencyThreshold()).isEmpty();
    }

    @Test
    void readsHealthAffinityAndHedging() {
        GatewayConfig config = read("""
                routing:
                  health: { window: 30s, min_requests: 5, error_rate: 0.25, cooldown: 10s, latency_threshold: 4s }
                  affinity: { max_sessions: 500, session_ttl: 10m }
                models:
                  - name: chat
                    affinity: session
                    hedge: { after: 250ms, max: 2 }
                    targets: [{ provider: p, model: m }]
                  - name: p95
                    hedge: { after: p95 }
                    targets: [{ provider: p, model: m }]
                """);

        assertThat(config.routing().health()).isEqualTo(new HealthConfig(Duration.ofSeconds(30), 5, 0.25,
                Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(4))));
        assertThat(config.routing().affinity().maxSessions()).isEqualTo(500);
        assertThat(config.routing().affinity().sessionTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.models().get(0).options().affinity()).isEqualTo(Affinity.SESSION);
        assertThat(config.models().get(0).options().hedge().orElseThrow().after()).contains(Duration.ofMillis(250));
        assertThat(config.models().get(0).options().hedge().orElseThrow().max()).isEqualTo(2);
        assertThat(config.models().get(1).options().hedge().orElseThrow().after()).isEmpty();
    }

    @Test
    void anUnknownAffinityNamesFileLineAndPath() {
        assertThatThrownBy(() -> read("""
                models:
                  - name: chat
                    affinity: sticky
                    targets: [{ provider: p, model: m }]
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: models[0].affinity: expected session or none, got \"sticky\"");
    }

    @Test
    void anErrorRateOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> read("""
                routing:
                  health:
                    error_rate: 50
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: routing.health.error_rate: must be more than 0 and at most 1 (a share: 0.5 is 50%)");
    }

    @Test
    void aBackoffMaximumBelowItsInitialWaitIsRejected() {
        assertThatThrownBy(() -> read("""
                routing:
                  failover:
                    backoff: { initial: 2s, max: 1s }
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: routing.failover.backoff.max: must not be less than initial (2000ms)");
    }

    @Test
    void aZeroTimeoutIsRejectedAndNoneSwitchesItOff() {
        assertThatThrownBy(() -> read("""
                routing:
                  failover: { stall_timeout: 0s }
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:2: routing.failover.stall_timeout: must be more than 0 (or none)");
    }

    @Test
    void aHedgeDelayMustBeP95OrADuration() {
        assertThatThrownBy(() -> read("""
                models:
                  - name: chat
                    targets: [{ provider: p, model: m }]
                    hedge: { after: soon }
                """)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:4: models[0].hedge.after: expected a duration");
    }

    @Test
    void theBreakerLatencyThresholdBelongsInRoutingHealth() {
        assertThatThrownBy(() -> read("""
                routing:
                  failover:
                    latency_threshold: 5s
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: routing.failover.latency_threshold: set it per route, or for every target"
                        + " in routing.health");
    }

    @Test
    void unknownKeysInsideRoutingSectionsAreErrors() {
        assertThatThrownBy(() -> read("""
                routing:
                  health:
                    cooldwn: 5s
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: routing.health.cooldwn: unknown key");
    }
}
