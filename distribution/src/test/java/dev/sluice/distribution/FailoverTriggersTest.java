package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HangingServer;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.StreamGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failover trigger, end to end: the real gateway with its real plugins in front of a failing
 * primary and a healthy backup, both real servers on loopback. Timeouts are short in these
 * configurations, and the fakes misbehave for far longer than them, so outcomes never hinge on
 * how fast the machine is.
 */
class FailoverTriggersTest {
    private static final String ASK = "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"main\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String ANTHROPIC_STREAM = "{\"model\":\"main\",\"max_tokens\":50,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private FakeOpenAi backup;
    private SseClient client;

    @BeforeEach
    void start() {
        backup = FakeOpenAi.start().reply("from the backup");
        client = new SseClient(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        client.close();
        backup.close();
    }

    private RunningGateway gateway(String primaryUrl, String failover) {
        return RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%s", api_key: sk-a, connect_timeout: 2s }
                  - { name: backup,  type: openai, base_url: "%s", api_key: sk-b, connect_timeout: 2s }
                models:
                  - name: main
                    targets:
                      - { provider: primary, model: gpt-4o }
                      - { provider: backup, model: gpt-4o-mini }
                    failover: %s
                """.formatted(primaryUrl, backup.baseUrl(), failover));
    }

    private static void assertServedByTheBackupOnTheSecondAttempt(HttpResult result) {
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("from the backup");
        assertThat(result.header("x-sluice-provider")).contains("backup");
        assertThat(result.header("x-sluice-model")).contains("gpt-4o-mini");
        assertThat(result.header("x-sluice-attempts")).contains("2");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 529})
    void aServerErrorStatusFailsOverToTheBackup(int status) {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(status);
                RunningGateway gateway = gateway(primary.baseUrl(), "{}")) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertServedByTheBackupOnTheSecondAttempt(result);
            assertThat(primary.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aRateLimitWithRetryAfterFailsOverAtOnceInsteadOfWaiting() {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(429, Duration.ofSeconds(30));
                RunningGateway gateway = gateway(primary.baseUrl(), "{}")) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertServedByTheBackupOnTheSecondAttempt(result);
            assertThat(primary.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionFailsOver() {
        try (RunningGateway gateway = gateway(FakeOpenAi.unreachableUrl(), "{}")) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertServedByTheBackupOnTheSecondAttempt(result);
        }
    }

    @Test
    void anUpstreamThatAcceptsAndNeverAnswersFailsOverAtTheFirstTokenTimeoutAndItsConnectionIsDropped()
            throws InterruptedException {
        try (HangingServer primary = HangingServer.start();
                RunningGateway gateway = gateway(primary.baseUrl(), "{ first_token_timeout: 3s }")) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertServedByTheBackupOnTheSecondAttempt(result);
            assertThat(primary.acceptedConnections()).isEqualTo(1);
            assertThat(awaitTrue(() -> primary.closedByPeer() == 1, Duration.ofSeconds(10)))
                    .as("the abandoned call's connection was closed, not kept").isTrue();
        }
    }

    @Test
    void aSlowFirstTokenFailsOverForCompleteAnswers() {
        try (FakeOpenAi primary = FakeOpenAi.start().latency(Duration.ofSeconds(15));
                RunningGateway gateway = gateway(primary.baseUrl(), "{ first_token_timeout: 3s }")) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertServedByTheBackupOnTheSecondAttempt(result);
            assertThat(primary.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aSlowFirstTokenFailsOverForStreams() {
        try (FakeOpenAi primary = FakeOpenAi.start().latency(Duration.ofSeconds(15));
                RunningGateway gateway = gateway(primary.baseUrl(), "{ first_token_timeout: 3s }");
                SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), STREAM, Map.of())) {
            List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(30));

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("x-sluice-provider")).contains("backup");
            assertThat(stream.header("x-sluice-attempts")).contains("2");
            assertThat(events).last().matches(SseEvent::isDone);
        }
    }

    @Test
    void aStreamThatStallsAfterItsHeadersAndBeforeItsFirstChunkFailsOver() {
        try (FakeOpenAi primary = FakeOpenAi.start().firstChunkDelay(Duration.ofSeconds(12));
                RunningGateway gateway = gateway(primary.baseUrl(), "{ stall_timeout: 2s }");
                SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), STREAM, Map.of())) {
            List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(30));

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("x-sluice-provider")).contains("backup");
            assertThat(stream.header("x-sluice-attempts")).contains("2");
            assertThat(events).last().matches(SseEvent::isDone);
            assertThat(stream.rawText()).contains("from").contains("backup").doesNotContain("\"error\"");
            assertThat(primary.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aStreamThatStallsAfterItsFirstChunkReachedTheClientEndsWithAnErrorEventAndNoSwitch() {
        try (FakeOpenAi primary = FakeOpenAi.start().reply("one two three four");
                RunningGateway gateway = gateway(primary.baseUrl(), "{ stall_timeout: 2s }")) {
            StreamGate gate = primary.holdStreamAfterFirstChunk();
            try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), STREAM, Map.of())) {
                List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(30));

                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.header("x-sluice-provider")).contains("primary");
                assertThat(events).anySatisfy(e -> assertThat(e.data()).contains("one"));
                SseEvent last = events.get(events.size() - 1);
                assertThat(last.isDone()).isFalse();
                assertThat(last.json().path("error").path("message").asText()).contains("stall_timeout");
                assertThat(backup.requestCount()).as("no silent switch after the first byte").isZero();
            } finally {
                gate.release();
            }
        }
    }

    @Test
    void anAnthropicClientGetsAnAnthropicErrorEventWhenTheStreamStallsAfterItStarted() {
        try (FakeOpenAi primary = FakeOpenAi.start().reply("one two three four");
                RunningGateway gateway = gateway(primary.baseUrl(), "{ stall_timeout: 2s }")) {
            StreamGate gate = primary.holdStreamAfterFirstChunk();
            try (SseStream stream = client.postStream(gateway.url("/v1/messages"), ANTHROPIC_STREAM,
                    Map.of("x-api-key", "sk-client"))) {
                List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(30));

                assertThat(stream.status()).isEqualTo(200);
                SseEvent last = events.get(events.size() - 1);
                assertThat(last.event()).isEqualTo("error");
                assertThat(last.json().path("type").asText()).isEqualTo("error");
                assertThat(backup.requestCount()).isZero();
            } finally {
                gate.release();
            }
        }
    }

    @Test
    void whenTheTotalTimeoutRunsOutTheClientGets504AndNoFurtherAttemptStarts() {
        try (HangingServer primary = HangingServer.start();
                RunningGateway gateway = gateway(primary.baseUrl(), "{ total_timeout: 1s }")) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(504);
            assertThat(result.json().path("error").path("message").asText()).contains("total_timeout");
            assertThat(result.header("x-sluice-attempts")).contains("1");
            assertThat(backup.requestCount()).isZero();
        }
    }

    private static boolean awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
