package dev.sluice.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static HttpSettings http(String json) {
        try {
            return HttpSettings.read(Settings.of(Json.tree(json.getBytes(StandardCharsets.UTF_8))), "https://x.test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeyRing ring(String json) {
        return KeyRing.of(http(json), key -> RequestHeaders.of(
                key.map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of()), Map.of()), clock);
    }

    private static String keyOf(RequestHeaders headers) {
        return headers.complete().getOrDefault("Authorization", "none").replace("Bearer ", "");
    }

    private static UpstreamException rateLimited(Duration retryAfter) {
        return new UpstreamException(429, true, "rate limited", retryAfter, null);
    }

    @Test
    void keysTakeTurns() {
        KeyRing ring = ring("{\"api_keys\": [\"k1\", \"k2\", \"k3\"]}");
        List<String> used = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            used.add(ring.call(KeyRingTest::keyOf));
        }

        assertThat(used).containsExactly("k1", "k2", "k3", "k1", "k2", "k3");
    }

    @Test
    void aRateLimitedKeyRestsForTheRetryAfterWhileTheOthersServe() {
        KeyRing ring = ring("{\"api_keys\": [\"k1\", \"k2\"]}");
        assertThatThrownBy(() -> ring.call(h -> {
            throw rateLimited(Duration.ofSeconds(30));
        })).isInstanceOf(UpstreamException.class);

        List<String> used = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            used.add(ring.call(KeyRingTest::keyOf));
        }
        now = now.plusSeconds(31);
        used.add(ring.call(KeyRingTest::keyOf));
        used.add(ring.call(KeyRingTest::keyOf));

        assertThat(used.subList(0, 4)).containsOnly("k2");
        assertThat(used.subList(4, 6)).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void withoutRetryAfterTheKeyRestsForTheConfiguredCooldown() {
        KeyRing ring = ring("{\"api_keys\": [\"k1\", \"k2\"], \"key_cooldown\": \"5s\"}");
        assertThatThrownBy(() -> ring.call(h -> {
            throw rateLimited(null);
        })).isInstanceOf(UpstreamException.class);

        assertThat(ring.call(KeyRingTest::keyOf)).isEqualTo("k2");
        assertThat(ring.call(KeyRingTest::keyOf)).isEqualTo("k2");
        now = now.plusSeconds(6);
        assertThat(List.of(ring.call(KeyRingTest::keyOf), ring.call(KeyRingTest::keyOf))).contains("k1");
    }

    @Test
    void whenEveryKeyRestsTheOneFreeSoonestIsUsed() {
        KeyRing ring = ring("{\"api_keys\": [\"k1\", \"k2\"]}");
        assertThatThrownBy(() -> ring.call(h -> {
            throw rateLimited(Duration.ofSeconds(50));
        })).isInstanceOf(UpstreamException.class);
        assertThatThrownBy(() -> ring.call(h -> {
            throw rateLimited(Duration.ofSeconds(10));
        })).isInstanceOf(UpstreamException.class);

        assertThat(ring.call(KeyRingTest::keyOf)).isEqualTo("k2");
    }

    @Test
    void otherFailuresDoNotRestTheKey() {
        KeyRing ring = ring("{\"api_keys\": [\"k1\", \"k2\"]}");
        assertThatThrownBy(() -> ring.call(h -> {
            throw new UpstreamException(500, true, "boom", null, null);
        })).isInstanceOf(UpstreamException.class);

        assertThat(List.of(ring.call(KeyRingTest::keyOf), ring.call(KeyRingTest::keyOf)))
                .containsExactly("k2", "k1");
    }

    @Test
    void oneKeyOrNoneIsAPlainHolder() {
        assertThat(ring("{\"api_key\": \"only\"}").call(KeyRingTest::keyOf)).isEqualTo("only");
        assertThat(ring("{}").call(KeyRingTest::keyOf)).isEqualTo("none");
        assertThat(ring("{}").size()).isEqualTo(1);
    }

    @Test
    void apiKeyAndApiKeysTogetherAreAConfigError() {
        assertThatThrownBy(() -> http("{\"api_key\": \"a\", \"api_keys\": [\"b\"]}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("either api_key or api_keys");
    }

    @Test
    void everyKeyOfThePoolIsASecret() {
        assertThat(http("{\"api_keys\": [\"k1\", \"k2\"]}").secrets()).contains("k1", "k2");
        assertThat(http("{\"api_keys\": [\"k1\", \"k2\"]}").apiKey()).isEqualTo(Optional.of("k1"));
    }
}
