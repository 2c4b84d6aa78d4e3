package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many streams at once through the gateway all arrive whole and in order. */
class ConcurrentStreamsTest {
    private static final int STREAMS = 500;

    @Test
    void fiveHundredConcurrentStreamsAllCompleteCorrectly() throws Exception {
        String reply = "one two three four five six seven eight nine ten";
        try (FakeOpenAi upstream = FakeOpenAi.start().reply(reply).chunkDelay(Duration.ofMillis(20));
                RunningGateway gateway = RunningGateway.start("""
                        providers: [{ name: fake, type: openai, base_url: "%s" }]
                        models:
                          - { name: m, targets: [{ provider: fake, model: gpt-4o }] }
                        """.formatted(upstream.baseUrl()));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String body = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"stream " + i + "\"}]}";
                results.add(threads.submit(() -> readStream(http, gateway.url("/v1/chat/completions"), body)));
            }
            int complete = 0;
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(reply + "|usage|done");
                complete++;
            }
            assertThat(complete).isEqualTo(STREAMS);
            assertThat(upstream.completedStreams()).isEqualTo(STREAMS);
        }
    }

    /** Reads one stream; returns the joined text, then markers for the usage chunk and [DONE]. */
    private static String readStream(HttpClient http, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            return "status " + response.statusCode();
        }
        StringBuilder text = new StringBuilder();
        String usage = "";
        String done = "";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                String data = line.substring(6);
                if (data.equals("[DONE]")) {
                    done = "|done";
                    continue;
                }
                var chunk = dev.sluice.spi.json.Json.mapper().readTree(data);
                if (chunk.path("usage").isObject()) {
                    usage = "|usage";
                }
                chunk.path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
            }
        }
        return text + usage + done;
    }
}
