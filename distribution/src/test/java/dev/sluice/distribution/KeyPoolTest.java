package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider with a pool of keys rotates them, and rests a key its upstream rate-limits. */
class KeyPoolTest {
    private static final String ASK = "{\"model\":\"pooled\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private ReplayUpstream upstream;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        upstream = ReplayUpstream.start();
        gateway = RunningGateway.start("""
                providers:
                  - { name: openai, type: openai, base_url: "%s/v1", api_keys: [sk-pool-one, sk-pool-two, sk-pool-three] }
                models:
                  - { name: pooled, targets: [{ provider: openai, model: gpt-4o }] }
                """.formatted(upstream.baseUrl()));
        client = new SseClient();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private List<String> keysUsed() {
        return upstream.requests().stream()
                .map(request -> request.header("authorization").orElse("").replace("Bearer ", "")).toList();
    }

    private static Replay ok() {
        return Replay.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
    }

    @Test
    void theKeysTakeTurns() {
        upstream.always(ok());

        for (int i = 0; i < 6; i++) {
            assertThat(client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of()).status()).isEqualTo(200);
        }

        assertThat(keysUsed()).containsExactly("sk-pool-one", "sk-pool-two", "sk-pool-three",
                "sk-pool-one", "sk-pool-two", "sk-pool-three");
    }

    @Test
    void aRateLimitedKeyRestsWhileTheOthersServe() {
        upstream.enqueue(Replay.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                + "\"code\":\"rate_limit_exceeded\"}}").withHeader("retry-after", "60"));
        upstream.always(ok());

        HttpResult limited = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());
        for (int i = 0; i < 6; i++) {
            assertThat(client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of()).status()).isEqualTo(200);
        }

        assertThat(limited.status()).isEqualTo(429);
        assertThat(keysUsed().get(0)).isEqualTo("sk-pool-one");
        assertThat(keysUsed().subList(1, 7)).doesNotContain("sk-pool-one")
                .contains("sk-pool-two", "sk-pool-three");
        assertThat(limited.body()).doesNotContain("sk-pool");
    }
}
