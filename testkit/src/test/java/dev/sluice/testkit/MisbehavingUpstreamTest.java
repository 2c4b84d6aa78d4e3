package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The knobs for upstreams that stall: a server that never answers, a stream slow to its first chunk. */
class MisbehavingUpstreamTest {

    @Test
    void aHangingServerAcceptsTheConnectionAndNeverAnswers() throws Exception {
        try (HangingServer server = HangingServer.start();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofMillis(500)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();

            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(server.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
            assertThat(server.acceptedConnections()).isEqualTo(1);
        }
    }

    @Test
    void aHangingServerSeesItsPeerCloseTheConnection() throws Exception {
        try (HangingServer server = HangingServer.start();
                java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            assertThat(server.awaitConnections(1, Duration.ofSeconds(5))).isTrue();

            socket.close();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.closedByPeer() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.closedByPeer()).isEqualTo(1);
        }
    }

    @Test
    void aFirstChunkDelaySendsTheHeadersAtOnceAndTheFirstChunkLater() {
        try (FakeOpenAi upstream = FakeOpenAi.start().firstChunkDelay(Duration.ofSeconds(3));
                SseClient client = new SseClient()) {
            long start = System.nanoTime();
            try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                    TestRequests.streamingChat("gpt-4o", false), Map.of())) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.poll(Duration.ofMillis(300))).as("headers came before any chunk").isEmpty();

                SseEvent first = stream.next(Duration.ofSeconds(10));

                assertThat(Duration.ofNanos(first.receivedAtNanos() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(first.json().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
                assertThat(stream.readToEnd(Duration.ofSeconds(5))).last().matches(SseEvent::isDone);
            }
        }
    }

    @Test
    void arrivalTimesFollowTheRequests() throws InterruptedException {
        try (FakeOpenAi upstream = FakeOpenAi.start(); SseClient client = new SseClient()) {
            client.postJson(upstream.baseUrl() + "/chat/completions", TestRequests.chat("gpt-4o"), Map.of());
            Thread.sleep(50);
            client.postJson(upstream.baseUrl() + "/chat/completions", TestRequests.chat("gpt-4o"), Map.of());

            List<Long> arrivals = upstream.arrivalNanos();

            assertThat(arrivals).hasSize(2);
            assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
            upstream.reset();
            assertThat(upstream.arrivalNanos()).isEmpty();
        }
    }
}
