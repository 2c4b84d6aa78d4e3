package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests of one {@code x-sluice-session} stay on the target that served the session, move when
 * it fails, and stick to where they moved, even once the strategy's first choice is back.
 */
class SessionAffinityTest {
    private static final String ASK = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private FakeOpenAi primary;
    private FakeOpenAi backup;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        primary = FakeOpenAi.start().reply("from the primary");
        backup = FakeOpenAi.start().reply("from the backup");
        gateway = RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%1$s", api_key: sk-a }
                  - { name: backup,  type: openai, base_url: "%2$s", api_key: sk-b }
                models:
                  - name: sticky
                    affinity: session
                    targets:
                      - { provider: primary, model: gpt-4o }
                      - { provider: backup, model: gpt-4o-mini }
                  - name: loose
                    targets:
                      - { provider: primary, model: gpt-4o }
                      - { provider: backup, model: gpt-4o-mini }
                """.formatted(primary.baseUrl(), backup.baseUrl()));
        client = new SseClient(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        primary.close();
        backup.close();
    }

    private String servedBy(String model, String session) {
        Map<String, String> headers = session == null ? Map.of() : Map.of("x-sluice-session", session);
        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK.formatted(model), headers);
        assertThat(result.status()).isEqualTo(200);
        return result.header("x-sluice-provider").orElseThrow();
    }

    @Test
    void aSessionMovesWhenItsTargetFailsAndSticksThereFor50CallsAfterTheTargetRecovered() {
        assertThat(servedBy("sticky", "agent-7")).isEqualTo("primary");
        primary.failWith(503);
        assertThat(servedBy("sticky", "agent-7")).isEqualTo("backup");
        primary.stopFailing();

        for (int i = 0; i < 50; i++) {
            assertThat(servedBy("sticky", "agent-7")).as("call " + i).isEqualTo("backup");
        }
        assertThat(servedBy("sticky", "agent-8")).as("a new session follows the strategy").isEqualTo("primary");
        assertThat(servedBy("sticky", null)).as("no session, no affinity").isEqualTo("primary");
    }

    @Test
    void aSessionMovesAgainWhenTheTargetItMovedToDies() {
        primary.failWith(503);
        assertThat(servedBy("sticky", "agent-9")).isEqualTo("backup");
        primary.stopFailing();
        backup.failWith(503);

        assertThat(servedBy("sticky", "agent-9")).isEqualTo("primary");
        backup.stopFailing();
        for (int i = 0; i < 10; i++) {
            assertThat(servedBy("sticky", "agent-9")).as("call " + i).isEqualTo("primary");
        }
    }

    @Test
    void aRouteWithoutAffinityIgnoresTheSessionHeader() {
        primary.failWith(503);
        assertThat(servedBy("loose", "agent-1")).isEqualTo("backup");
        primary.stopFailing();

        assertThat(servedBy("loose", "agent-1")).isEqualTo("primary");
    }
}
