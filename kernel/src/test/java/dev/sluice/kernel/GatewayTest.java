package dev.sluice.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.Gateway.GatewayOptions;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel on its own: extensions found through the class-path door ({@code META-INF/services}
 * in the test resources), no plugin folder at all, real HTTP.
 */
class GatewayTest {
    private static final String ASK = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    @TempDir
    Path work;

    private Gateway start(String yaml) throws IOException {
        Path file = work.resolve("sluice.yaml");
        Files.writeString(file, yaml);
        return Gateway.start(GatewayOptions.of(file).withPort(0).withHome(work)
                .withEnv(name -> Optional.empty()));
    }

    private static String url(Gateway gateway, String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    @Test
    void classPathExtensionsServeWithoutAnyPluginFolder() throws IOException {
        try (Gateway gateway = start("""
                providers: [{ name: e, type: test-echo, prefix: "echo: " }]
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                """); SseClient client = new SseClient()) {
            HttpResult result = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("echo: ping");
            assertThat(gateway.catalog().plugins()).isEmpty();
        }
    }

    @Test
    void chainStepsRunInConfiguredOrder() throws IOException {
        try (Gateway gateway = start("""
                providers: [{ name: e, type: test-echo }]
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                chain:
                  - trail: { mark: first }
                  - trail: { mark: second }
                """); SseClient client = new SseClient()) {
            HttpResult result = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(result.header("x-trail")).contains("first,second");
        }
    }

    @Test
    void aStepThatRejectsShortCircuitsWithItsStatusInOpenAiShape() throws IOException {
        try (Gateway gateway = start("""
                providers: [{ name: e, type: test-echo }]
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                chain:
                  - trail: { mark: gate, reject: true }
                """); SseClient client = new SseClient()) {
            HttpResult result = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(403);
            assertThat(result.json().path("error").path("type").asText()).isEqualTo("permission_error");
            assertThat(result.json().path("error").path("message").asText()).isEqualTo("rejected by step gate");
        }
    }

    @Test
    void aStreamDropsTheUsageChunkUnlessTheClientAskedForIt() throws IOException {
        try (Gateway gateway = start("""
                providers: [{ name: e, type: test-echo }]
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                """); SseClient client = new SseClient()) {
            String plain = ASK.replace("{\"model\"", "{\"stream\":true,\"model\"");
            String withUsage = plain.replace("{\"stream\":true,", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},");
            List<SseEvent> without;
            List<SseEvent> with;
            try (SseStream s = client.postStream(url(gateway, "/v1/chat/completions"), plain, Map.of())) {
                without = s.readToEnd(Duration.ofSeconds(5));
            }
            try (SseStream s = client.postStream(url(gateway, "/v1/chat/completions"), withUsage, Map.of())) {
                with = s.readToEnd(Duration.ofSeconds(5));
            }

            assertThat(without).hasSize(3).noneMatch(e -> !e.isDone() && e.json().has("usage"));
            assertThat(with).hasSize(4);
            assertThat(with.get(2).json().path("usage").path("total_tokens").asInt()).isEqualTo(2);
        }
    }

    @Test
    void unknownProviderTypesNameTheLineAndWhatIsKnown() {
        assertThatThrownBy(() -> start("""
                providers:
                  - { name: e, type: echo }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(":2: providers[0].type: unknown provider type \"echo\" (known: test-echo)");
    }

    @Test
    void unknownProviderSettingsAreRejected() {
        assertThatThrownBy(() -> start("""
                providers:
                  - { name: e, type: test-echo, prefx: "x" }
                """))
                .hasMessageEndingWith(":2: providers[0].prefx: unknown key for provider type test-echo");
    }

    @Test
    void theSameNameFromTwoSourcesIsAStartUpErrorNamingBoth() {
        System.setProperty("sluice.test.policy-name", "shadow");
        try {
            assertThatThrownBy(() -> ExtensionCatalog.load(work.resolve("no-plugins")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("policy \"shadow\" is provided twice")
                    .hasMessageContaining("HeaderPolicy").hasMessageContaining("ShadowPolicy");
        } finally {
            System.clearProperty("sluice.test.policy-name");
        }
    }

    @Test
    void anUnsetRequiredVariableTurnsTheProviderAndItsRoutesOff() throws IOException {
        try (Gateway gateway = start("""
                providers:
                  - { name: e, type: test-echo }
                  - { name: standby, type: test-echo, requires_env: [NOT_SET_HERE] }
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                  - { name: gone, strategy: in-order, targets: [{ provider: standby, model: m }] }
                """)) {
            assertThat(gateway.runtime().routes()).containsOnlyKeys("echo");
            assertThat(gateway.runtime().notes()).contains("provider standby is off: NOT_SET_HERE is not set",
                    "model gone is off: none of its providers is on");
        }
    }

    @Test
    void anUnchangedAnswerIsSentAsTheProviderReadItAndAReplacedOneIsWrittenAnew() throws IOException {
        try (Gateway gateway = start("""
                providers: [{ name: e, type: test-echo, record_json: true }]
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                  - { name: other, strategy: in-order, targets: [{ provider: e, model: m }] }
                """); SseClient client = new SseClient()) {
            HttpResult relayed = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(relayed.body()).startsWith(" {").endsWith("}\n");
            assertThat(relayed.json().path("model").asText()).isEqualTo("m");
        }
        try (Gateway gateway = start("""
                providers: [{ name: e, type: test-echo, record_json: true }]
                models:
                  - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
                chain:
                  - trail: { mark: step, rewrite: true }
                """); SseClient client = new SseClient()) {
            HttpResult rewritten = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(rewritten.body()).startsWith("{");
            assertThat(rewritten.json().path("model").asText()).isEqualTo("rewritten-by-step");
        }
    }
}
