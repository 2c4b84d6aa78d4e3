package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.SseClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A changed configuration file is reloaded without a restart when valid, and ignored when not. */
class ReloadTest {
    private static final String CONFIG = """
            server: { reload_interval: 100ms }
            providers: [{ name: mock, type: mock }]
            models:
              - { name: %s, targets: [{ provider: mock, model: mock-echo }] }
            """;

    private static int ask(RunningGateway gateway, SseClient client, String model) {
        return client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of()).status();
    }

    private static void awaitStatus(RunningGateway gateway, SseClient client, String model, int status)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ask(gateway, client, model) != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ask(gateway, client, model)).isEqualTo(status);
    }

    @Test
    void aValidChangeIsServedAndABrokenOneIsIgnored() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(CONFIG.formatted("first"));
                SseClient client = new SseClient()) {
            assertThat(ask(gateway, client, "first")).isEqualTo(200);

            Files.writeString(gateway.configFile(), CONFIG.formatted("second"));
            awaitStatus(gateway, client, "second", 200);
            assertThat(ask(gateway, client, "first")).isEqualTo(404);

            Files.writeString(gateway.configFile(), CONFIG.formatted("third").replace("type: mock", "type: mokc"));
            Thread.sleep(500);
            assertThat(ask(gateway, client, "second")).as("the running configuration stays").isEqualTo(200);
            assertThat(ask(gateway, client, "third")).isEqualTo(404);
        }
    }
}
