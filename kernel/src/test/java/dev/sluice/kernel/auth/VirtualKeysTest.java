package dev.sluice.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.kernel.state.FixedPrices;
import dev.sluice.kernel.state.GovernedGateway;
import dev.sluice.kernel.state.MutableClock;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual keys: issued by the admin API, required on both APIs, refused once revoked or expired, never kept in clear. */
class VirtualKeysTest {
    private static final String MASTER = "master-key-0123456789";
    private static final String ASK = """
            {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";
    private static final String CONFIG = """
            providers: [{ name: p, type: test-echo }]
            models:
              - { name: m, strategy: in-order, targets: [{ provider: p, model: x }] }
              - { name: other, strategy: in-order, targets: [{ provider: p, model: y }] }
            auth: { mode: required, master_key: %s, key_file: keys/keys.json }
            """.formatted(MASTER);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
    private final SseClient client = new SseClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private StreamHandler capture;
    private GovernedGateway gateway;

    @BeforeEach
    void start() {
        capture = new StreamHandler(logs, new SimpleFormatter());
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        gateway = GovernedGateway.start(CONFIG, home, new FixedPrices("p", BigDecimal.ONE, BigDecimal.ONE), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        Logger.getLogger("").removeHandler(capture);
    }

    private JsonNode issue(String body) {
        HttpResult created = client.postJson(gateway.url("/admin/keys"), body, Map.of("Authorization", "Bearer " + MASTER));
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    private HttpResult chat(String key, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put("Authorization", "Bearer " + key);
        return client.postJson(gateway.url("/v1/chat/completions"), ASK, headers);
    }

    @Test
    void anIssuedKeyIsShownOnceAndServesChat() {
        JsonNode created = issue("{\"name\":\"ci\",\"team\":\"blue\"}");
        String key = created.path("key").asText();

        assertThat(key).startsWith("sk-sluice-").hasSizeGreaterThan(40);
        assertThat(created.path("prefix").asText()).isEqualTo(key.substring(0, 14));
        assertThat(chat(key, Map.of()).status()).isEqualTo(200);
        HttpResult shown = client.get(gateway.url("/admin/keys/" + created.path("id").asText()),
                Map.of("Authorization", "Bearer " + MASTER));
        assertThat(shown.body()).doesNotContain(key).doesNotContain("hash");
        assertThat(shown.json().path("team").asText()).isEqualTo("blue");
    }

    @Test
    void theOpenAiApiRefusesMissingAndUnknownKeysInItsOwnShape() {
        HttpResult missing = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());
        HttpResult unknown = chat("sk-sluice-not-a-key-0000000000000000000000000000", Map.of());

        for (HttpResult r : new HttpResult[] {missing, unknown}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(r.json().path("error").path("type").asText()).isEqualTo("authentication_error");
        }
        assertThat(unknown.body()).doesNotContain("not-a-key");
    }

    @Test
    void theAnthropicApiTakesXApiKeyOrBearerAndRefusesInItsOwnShape() {
        String key = issue("{}").path("key").asText();
        String ask = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertThat(client.postJson(gateway.url("/v1/messages"), ask, Map.of("x-api-key", key)).status()).isEqualTo(200);
        assertThat(client.postJson(gateway.url("/v1/messages"), ask, Map.of("Authorization", "Bearer " + key)).status())
                .isEqualTo(200);
        HttpResult refused = client.postJson(gateway.url("/v1/messages"), ask, Map.of("x-api-key", "sk-sluice-nope"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("type").asText()).isEqualTo("error");
        assertThat(refused.json().path("error").path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void aRevokedKeyIsRefused() {
        JsonNode created = issue("{}");
        String key = created.path("key").asText();
        assertThat(chat(key, Map.of()).status()).isEqualTo(200);

        HttpResult revoked = client.postJson(gateway.url("/admin/keys/" + created.path("id").asText() + "/revoke"), "",
                Map.of("Authorization", "Bearer " + MASTER));
        assertThat(revoked.json().path("revoked_at").asText()).isNotEmpty();

        HttpResult refused = chat(key, Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("message").asText()).contains("revoked");
    }

    @Test
    void anExpiredKeyIsRefused() {
        String key = issue("{\"expires_in\":\"1h\"}").path("key").asText();
        assertThat(chat(key, Map.of()).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(61));

        HttpResult refused = chat(key, Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("message").asText()).contains("expired");
    }

    @Test
    void aKeyedCallerCannotLeaveItsKeysTeamByHeader() {
        String key = issue("{\"team\":\"blue\",\"project\":\"atlas\",\"tags\":[\"ci\"]}").path("key").asText();

        chat(key, Map.of("x-sluice-team", "red", "x-sluice-project", "other", "x-sluice-tags", "extra"));

        JsonNode byTeam = client.get(gateway.url("/admin/spend?group_by=team"), Map.of("Authorization", "Bearer " + MASTER))
                .json();
        assertThat(byTeam.path("data")).hasSize(1);
        assertThat(byTeam.path("data").get(0).path("team").asText()).isEqualTo("blue");
        JsonNode byTag = client.get(gateway.url("/admin/spend?group_by=tag"), Map.of("Authorization", "Bearer " + MASTER))
                .json();
        assertThat(byTag.path("data").findValuesAsText("tag")).containsExactlyInAnyOrder("ci", "extra");
    }

    @Test
    void aKeyLimitedToSomeModelsIsRefusedOthers() {
        String key = issue("{\"models\":[\"m\"]}").path("key").asText();

        HttpResult other = client.postJson(gateway.url("/v1/chat/completions"), ASK.replace("\"m\"", "\"other\""),
                Map.of("Authorization", "Bearer " + key));

        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("error").path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(chat(key, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theAdminApiNeedsTheMasterKey() {
        HttpResult none = client.get(gateway.url("/admin/keys"), Map.of());
        HttpResult wrong = client.get(gateway.url("/admin/keys"), Map.of("Authorization", "Bearer master-key-wrong-000000"));

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(client.postJson(gateway.url("/admin/keys"), "{}", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void keysAreNeverStoredOrLoggedInClearAndSurviveARestart() throws IOException {
        JsonNode created = issue("{\"name\":\"durable\",\"team\":\"blue\"}");
        String key = created.path("key").asText();
        chat(key, Map.of());
        chat("sk-sluice-wrong", Map.of());

        String file = Files.readString(home.resolve("keys/keys.json"));
        assertThat(file).doesNotContain(key).contains(ApiKeys.hash(key)).contains(created.path("id").asText());
        capture.flush();
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains(created.path("id").asText()).doesNotContain(key).doesNotContain(MASTER);

        gateway.close();
        gateway = GovernedGateway.start(CONFIG, home, new FixedPrices("p", BigDecimal.ONE, BigDecimal.ONE), clock);
        assertThat(chat(key, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void anUpdateChangesWhatTheKeyMayDo() {
        JsonNode created = issue("{\"team\":\"blue\"}");
        String id = created.path("id").asText();

        java.net.http.HttpResponse<String> updated;
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            updated = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/admin/keys/" + id)))
                    .header("Authorization", "Bearer " + MASTER).header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"models\":[\"other\"]}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("\"models\":[\"other\"]");
        assertThat(chat(created.path("key").asText(), Map.of()).status()).isEqualTo(403);
    }
}
