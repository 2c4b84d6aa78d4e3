package dev.sluice.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final Path HOME = Path.of("/opt/sluice");

    private static GatewayConfig read(String yaml, Map<String, String> env) {
        return ConfigReader.read(yaml, "test.yaml", HOME, name -> Optional.ofNullable(env.get(name)));
    }

    private static GatewayConfig read(String yaml) {
        return read(yaml, Map.of());
    }

    @Test
    void interpolatesVariablesAndDefaultsEvenInsideFlowMappings() {
        GatewayConfig config = read("""
                server: { port: ${PORT:-9090} }
                providers:
                  - { name: openai, type: openai, api_key: ${KEY}, base_url: "${BASE:-http://localhost:1}/v1" }
                """, Map.of("KEY", "sk-test"));

        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.providers().get(0).settings().string("api_key")).contains("sk-test");
        assertThat(config.providers().get(0).settings().string("base_url")).contains("http://localhost:1/v1");
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesFileLineAndPath() {
        assertThatThrownBy(() -> read("""
                providers:
                  - name: openai
                    type: openai
                    api_key: ${NOT_SET_ANYWHERE}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:4: providers[0].api_key: environment variable NOT_SET_ANYWHERE is not set"
                        + " (write ${NOT_SET_ANYWHERE:-default} to give a default)");
    }

    @Test
    void unknownKeysAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> read("""
                server:
                  port: 8080
                  max_request_byte: 1MB
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: server.max_request_byte: unknown key");
    }

    @Test
    void wrongTypesAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> read("""
                server:
                  port: eighty
                """))
                .hasMessage("test.yaml:2: server.port: expected a whole number, got \"eighty\"");
    }

    @Test
    void modelsNeedTargetsAndTargetsNeedAModel() {
        assertThatThrownBy(() -> read("""
                providers: [{ name: mock, type: mock }]
                models:
                  - name: a
                    targets:
                      - { provider: mock }
                """))
                .hasMessageStartingWith("test.yaml:5: models[0].targets[0].model: required");
    }

    @Test
    void duplicateModelNamesAreRejected() {
        assertThatThrownBy(() -> read("""
                providers: [{ name: mock, type: mock }]
                models:
                  - { name: a, targets: [{ provider: mock, model: m }] }
                  - { name: a, targets: [{ provider: mock, model: m }] }
                """))
                .hasMessage("test.yaml:4: models[1].name: duplicate model name \"a\"");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> read("""
                server:
                  port: 1
                 host: x
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:3: invalid YAML");
    }

    @Test
    void readsSizesDurationsAndFailoverRules() {
        GatewayConfig config = read("""
                server: { max_request_bytes: 2MB, reload_interval: 500ms }
                providers: [{ name: mock, type: mock }]
                models:
                  - name: a
                    targets: [{ provider: mock, model: m, weight: 0 }]
                    failover: { on_status: [429, 503], max_attempts: 2 }
                """);

        assertThat(config.server().maxRequestBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.server().reloadInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.models().get(0).failover().onStatus()).containsExactlyInAnyOrder(429, 503);
        assertThat(config.models().get(0).failover().maxAttempts()).isEqualTo(2);
        assertThat(config.models().get(0).targets().get(0).weight()).isZero();
    }

    @Test
    void chainEntriesAreNamesOrNamesWithSettings() {
        GatewayConfig config = read("""
                chain:
                  - auth
                  - guardrail: { type: pii, action: redact }
                  - js: policies/route.js
                """);

        assertThat(config.chain()).extracting(GatewayConfig.ChainEntry::name).containsExactly("auth", "guardrail", "js");
        assertThat(config.chain().get(1).settings().string("action")).contains("redact");
        assertThat(config.chain().get(2).settings().string("value")).contains("policies/route.js");
    }

    @Test
    void relativePluginFoldersResolveAgainstHome() {
        assertThat(read("plugins: { dir: extra/plugins }").pluginsDir()).isEqualTo(Path.of("/opt/sluice/extra/plugins"));
        assertThat(read("").pluginsDir()).isEqualTo(Path.of("/opt/sluice/plugins"));
    }

    @Test
    void aLiteralDollarBraceIsWrittenDoubled() {
        GatewayConfig config = read("""
                providers:
                  - { name: p, type: t, header: "$${not-a-var}" }
                """);
        assertThat(config.providers().get(0).settings().string("header")).contains("${not-a-var}");
    }

    @Test
    void aNameYamlReadsAsABooleanMustBeQuoted() {
        assertThatThrownBy(() -> read("""
                providers:
                  - { name: off, type: mock }
                """))
                .hasMessage("test.yaml:2: providers[0].name: a name must be text: YAML reads this value as a boolean,"
                        + " so quote it");
    }
}
