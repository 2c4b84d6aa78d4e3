package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpSettingsTest {

    @Test
    void defaultsPointAtALocalCollector() {
        Settings entry = Fixtures.settings(Map.of());

        OtlpSettings s = OtlpSettings.read(entry);

        assertThat(s.tracesUri()).isEqualTo(URI.create("http://127.0.0.1:4318/v1/traces"));
        assertThat(s.headers()).isEmpty();
        assertThat(s.serviceName()).isEqualTo("sluice");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.batchSize()).isEqualTo(512);
        assertThat(s.exportInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.queueCapacity()).isEqualTo(20_000);
        assertThat(s.retry()).isEqualTo(RetryPolicy.DEFAULTS);
        assertThat(s.protocol()).isEqualTo(OtlpProtocol.JSON);
        assertThat(s.gzip()).isFalse();
    }

    @Test
    void everyKeyIsReadSoNoneIsReportedUnknown() {
        Settings entry = Fixtures.settings(Map.ofEntries(
                Map.entry("endpoint", "https://otel.example.com:4318/"),
                Map.entry("headers", Map.of("authorization", "Bearer x")),
                Map.entry("service_name", "edge"),
                Map.entry("timeout", "3s"),
                Map.entry("batch_size", 64),
                Map.entry("export_interval", "250ms"),
                Map.entry("queue_capacity", 1000),
                Map.entry("retry_max_attempts", 2),
                Map.entry("retry_initial_backoff", "100ms"),
                Map.entry("retry_max_backoff", "2s"),
                Map.entry("protocol", "http/protobuf"),
                Map.entry("compression", "gzip"),
                Map.entry("provider_names", Map.of("corp-llm", "openai"))));

        OtlpSettings s = OtlpSettings.read(entry);

        assertThat(entry.keys()).containsExactlyInAnyOrderElementsOf(OtlpSettings.KEYS);
        assertThat(entry.unreadKeys()).isEmpty();
        assertThat(s.tracesUri()).isEqualTo(URI.create("https://otel.example.com:4318/v1/traces"));
        assertThat(s.retry()).isEqualTo(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(2)));
        assertThat(s.protocol()).isEqualTo(OtlpProtocol.PROTOBUF);
        assertThat(s.gzip()).isTrue();
        assertThat(s.providers().of("corp-llm")).isEqualTo("openai");
    }

    @Test
    void endpointEndingInTheTracesPathIsNotExtended() {
        OtlpSettings s = OtlpSettings.read(Fixtures.settings(Map.of("endpoint", "http://collector:4318/v1/traces")));

        assertThat(s.tracesUri()).isEqualTo(URI.create("http://collector:4318/v1/traces"));
    }

    @Test
    void endpointWithABasePathKeepsIt() {
        OtlpSettings s = OtlpSettings.read(Fixtures.settings(Map.of("endpoint", "https://gw.example.com/otlp")));

        assertThat(s.tracesUri()).isEqualTo(URI.create("https://gw.example.com/otlp/v1/traces"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector:4318", "ftp://collector", "http://", "http://c:4318/?a=b", "not a url"})
    void refusesAnEndpointThatIsNotAnHttpUrl(String endpoint) {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(Map.of("endpoint", endpoint))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("endpoint");
    }

    @Test
    void refusesCredentialsInTheEndpointWithoutEchoingThem() {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(Map.of("endpoint", "http://u:hunter2@c:4318"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("headers")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void headerValuesNeverAppearInTheSettingsText() {
        OtlpSettings s = OtlpSettings.read(Fixtures.settings(Map.of("headers", Map.of("api-key", "s3cr3t-value"))));

        assertThat(s.toString()).contains("api-key").doesNotContain("s3cr3t-value");
    }

    @Test
    void refusesAHeaderTheSinkSetsItself() {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(
                Map.of("headers", Map.of("Content-Type", "text/plain")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("headers.Content-Type");
    }

    @Test
    void refusesAHeaderValueWithALineBreakWithoutEchoingIt() {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(
                Map.of("headers", Map.of("authorization", "Bearer abc\r\nX-Evil: 1")))))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("Bearer abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_size", "queue_capacity", "retry_max_attempts"})
    void refusesCountsBelowOne(String key) {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(Map.of(key, 0))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "export_interval", "retry_initial_backoff", "retry_max_backoff"})
    void refusesZeroDurations(String key) {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(Map.of(key, "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    void refusesAnUnknownProtocolOrCompression() {
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(Map.of("protocol", "grpc"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http/json");
        assertThatThrownBy(() -> OtlpSettings.read(Fixtures.settings(Map.of("compression", "zstd"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gzip");
    }
}
