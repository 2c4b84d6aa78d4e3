package dev.sluice.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig;
import dev.sluice.spi.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditConfigTest {
    private static final String ROUTES = """
            providers:
              - { name: mock, type: mock }
            models:
              - name: plain
                targets: [ { provider: mock, model: echo } ]
              - name: secret
                audit: { prompts: encrypted }
                targets: [ { provider: mock, model: echo } ]
            """;

    private static GatewayConfig read(String yaml, Map<String, String> env) {
        return ConfigReader.read(yaml, "test.yaml", Path.of("."), name -> Optional.ofNullable(env.get(name)));
    }

    @Test
    void promptsAreHashedAndNothingIsWrittenByDefault() {
        AuditConfig audit = read("providers: []\n", Map.of()).audit();

        assertThat(audit.prompts()).isEqualTo(PromptMode.HASH);
        assertThat(audit.sinks()).isEmpty();
    }

    @Test
    void aRouteOverridesTheDefaultMode() {
        AuditConfig audit = read("audit: { prompts: none, sinks: [ { type: jsonl, path: x } ] }\n" + ROUTES,
                Map.of("SLUICE_AUDIT_KEY", PromptCipher.newKey())).audit();

        assertThat(audit.promptsOf(Optional.of("plain"))).isEqualTo(PromptMode.NONE);
        assertThat(audit.promptsOf(Optional.of("secret"))).isEqualTo(PromptMode.ENCRYPTED);
        assertThat(audit.key()).isPresent();
        assertThat(audit.sinks()).singleElement().extracting(AuditConfig.SinkEntry::type).isEqualTo("jsonl");
    }

    @Test
    void encryptionWithoutAKeyIsAStartUpError() {
        assertThatThrownBy(() -> read(ROUTES, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLUICE_AUDIT_KEY is not set");
    }

    @Test
    void anUnknownModeIsRejected() {
        assertThatThrownBy(() -> read("audit: { prompts: everything }\n", Map.of()))
                .hasMessageContaining("unknown prompt mode \"everything\"");
    }

    @Test
    void anUnknownKeyInARouteAuditIsRejected() {
        assertThatThrownBy(() -> read(ROUTES.replace("prompts: encrypted", "prompt: full"), Map.of()))
                .hasMessageContaining("prompt");
    }
}
