package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A slow first target gets a hedged second attempt; the first answer wins, the other is dropped. */
class HedgingTest {
    private static final String ASK = "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private FakeOpenAi slow;
    private FakeOpenAi fast;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        slow = FakeOpenAi.start().reply("from the slow one");
        fast = FakeOpenAi.start().reply("from the fast one");
        gateway = RunningGateway.start("""
                providers:
                  - { name: slow, type: openai, base_url: "%s", api_key: sk-a }
                  - { name: fast, type: openai, base_url: "%s", api_key: sk-b }
                models:
                  - name: main
                    hedge: { after: 300ms, max: 1 }
                    targets:
                      - { provider: slow, model: gpt-4o }
                      - { provider: fast, model: gpt-4o-mini }
                  - name: patient
                    hedge: { after: 15s }
                    targets:
                      - { provider: slow, model: gpt-4o }
                      - { provider: fast, model: gpt-4o-mini }
                """.formatted(slow.baseUrl(), fast.baseUrl()));
        client = new SseClient(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        slow.close();
        fast.close();
    }

    @Test
    void aSlowFirstTargetIsHedgedAndTheFirstAnswerWins() {
        slow.latency(Duration.ofSeconds(10));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("from the fast one");
        assertThat(result.header("x-sluice-provider")).contains("fast");
        assertThat(result.header("x-sluice-attempts")).as("the abandoned attempt is recorded too").contains("2");
        assertThat(slow.requestCount()).isEqualTo(1);
    }

    @Test
    void aHedgedStreamIsWonByTheFirstFirstChunk() {
        slow.latency(Duration.ofSeconds(10));

        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"),
                ASK.replace("{\"model\"", "{\"stream\":true,\"model\""), Map.of())) {
            List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(20));

            assertThat(stream.header("x-sluice-provider")).contains("fast");
            assertThat(events).last().matches(SseEvent::isDone);
        }
    }

    @Test
    void aFirstTargetThatAnswersInTimeIsNotHedged() {
        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK.replace("main", "patient"),
                Map.of());

        assertThat(result.header("x-sluice-provider")).contains("slow");
        assertThat(result.header("x-sluice-attempts")).contains("1");
        assertThat(fast.requestCount()).isZero();
    }
}
