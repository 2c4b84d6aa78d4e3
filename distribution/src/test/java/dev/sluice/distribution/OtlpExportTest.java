package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The gateway's requests as OpenTelemetry spans: the {@code otlp} sink plugin exports to an
 * OTLP/HTTP receiver on loopback, which decodes the JSON encoding (resource spans, scope spans,
 * spans, attributes as typed values) as a collector does.
 */
class OtlpExportTest {

    /** Every span received, as attribute maps with the span's own fields under "@name", "@traceId", …. */
    private static final class Receiver implements AutoCloseable {
        final List<Map<String, Object>> spans = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/traces", exchange -> {
                JsonNode body = Json.tree(exchange.getRequestBody().readAllBytes());
                for (JsonNode rs : body.path("resourceSpans")) {
                    for (JsonNode ss : rs.path("scopeSpans")) {
                        for (JsonNode span : ss.path("spans")) {
                            Map<String, Object> s = new HashMap<>();
                            s.put("@name", span.path("name").asText());
                            s.put("@kind", span.path("kind").asInt());
                            s.put("@traceId", span.path("traceId").asText());
                            s.put("@spanId", span.path("spanId").asText());
                            s.put("@parentSpanId", span.path("parentSpanId").asText(""));
                            for (JsonNode a : span.path("attributes")) {
                                JsonNode v = a.path("value");
                                Object value = v.has("stringValue") ? v.get("stringValue").asText()
                                        : v.has("intValue") ? Long.valueOf(v.get("intValue").asText())
                                        : v.has("doubleValue") ? v.get("doubleValue").asDouble()
                                        : v.has("boolValue") ? v.get("boolValue").asBoolean() : v.toString();
                                s.put(a.path("key").asText(), value);
                            }
                            spans.add(s);
                        }
                    }
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Map<String, Object>> await(int count) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (spans.size() < count && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return new ArrayList<>(spans);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void eachRequestBecomesGenAiSpansAndASessionsCallsShareOneTrace() throws Exception {
        try (Receiver collector = new Receiver();
                FakeOpenAi openai = FakeOpenAi.start().reply("traced").usage(11, 3);
                SseClient client = new SseClient();
                RunningGateway gateway = RunningGateway.start("""
                        audit:
                          sinks: [ { type: otlp, endpoint: "%s", export_interval: 100ms } ]
                        providers:
                          - { name: openai, type: openai, base_url: "%s", api_key: sk-otlp-test }
                        models:
                          - { name: mini, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                        """.formatted(collector.url(), openai.baseUrl()))) {
            String ask = "{\"model\":\"mini\",\"temperature\":0.2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            for (int i = 0; i < 2; i++) {
                HttpResult r = client.postJson(gateway.url("/v1/chat/completions"), ask,
                        Map.of("x-sluice-session", "agent-run-7", "x-sluice-team", "search"));
                assertThat(r.status()).isEqualTo(200);
            }

            List<Map<String, Object>> spans = collector.await(4);

            List<Map<String, Object>> requests = spans.stream().filter(s -> s.get("@kind").equals(2)).toList();
            List<Map<String, Object>> attempts = spans.stream().filter(s -> s.get("@kind").equals(3)).toList();
            assertThat(requests).hasSize(2);
            assertThat(attempts).hasSize(2);
            Map<String, Object> request = requests.get(0);
            assertThat(request.get("@name")).isEqualTo("chat mini");
            assertThat(request).containsEntry("gen_ai.operation.name", "chat")
                    .containsEntry("gen_ai.request.model", "mini")
                    .containsEntry("gen_ai.request.temperature", 0.2)
                    .containsEntry("gen_ai.conversation.id", "agent-run-7")
                    .containsEntry("session.id", "agent-run-7")
                    .containsEntry("sluice.team", "search");
            Map<String, Object> attempt = attempts.get(0);
            assertThat(attempt).containsEntry("gen_ai.provider.name", "openai")
                    .containsEntry("gen_ai.usage.input_tokens", 11L)
                    .containsEntry("gen_ai.usage.output_tokens", 3L);
            assertThat(attempt.get("gen_ai.response.model").toString()).startsWith("gpt-4o-mini");
            assertThat(spans).extracting(s -> s.get("@traceId")).as("one session, one trace").containsOnly(
                    request.get("@traceId"));
            assertThat(attempts).extracting(s -> s.get("@parentSpanId"))
                    .containsExactlyInAnyOrderElementsOf(requests.stream().map(s -> s.get("@spanId")).toList());
        }
    }
}
