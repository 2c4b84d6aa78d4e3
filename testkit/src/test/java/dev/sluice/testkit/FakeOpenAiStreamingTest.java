package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.sluice.testkit.FakeOpenAiCompletionTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/** The SSE chunk sequence, byte for byte, as OpenAI streams it. */
class FakeOpenAiStreamingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static FakeOpenAi upstream;
    private static SseClient client;

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.start();
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        upstream.close();
    }

    @BeforeEach
    void resetFake() {
        upstream.reset();
    }

    @Test
    void streamsRoleContentFinishUsageAndDone() throws InterruptedException {
        try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", true), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(stream.header("x-request-id")).isPresent();

            List<SseEvent> events = stream.readToEnd(WAIT);

            // role chunk, 5 words, finish chunk, usage chunk, [DONE]
            assertThat(events).hasSize(9);
            assertThat(events.get(8).isDone()).isTrue();
            List<JsonNode> chunks = events.subList(0, 8).stream().map(SseEvent::json).toList();

            String id = chunks.get(0).get("id").asText();
            for (JsonNode chunk : chunks) {
                assertThat(chunk.get("id").asText()).isEqualTo(id);
                assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o");
                assertThat(chunk.has("usage")).isTrue();
            }
            assertThat(fieldNames(chunks.get(0))).containsExactly("id", "object", "created", "model",
                    "service_tier", "system_fingerprint", "choices", "usage");

            JsonNode first = chunks.get(0).at("/choices/0");
            assertThat(first.get("delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
            assertThat(first.get("finish_reason").isNull()).isTrue();
            assertThat(first.get("logprobs").isNull()).isTrue();

            String text = chunks.subList(1, 6).stream()
                    .map(c -> c.at("/choices/0/delta/content").asText())
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo(FakeOpenAi.DEFAULT_REPLY);
            assertThat(chunks.subList(0, 7)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());

            JsonNode finish = chunks.get(6).at("/choices/0");
            assertThat(finish.get("delta").toString()).isEqualTo("{}");
            assertThat(finish.get("finish_reason").asText()).isEqualTo("stop");

            JsonNode usageChunk = chunks.get(7);
            assertThat(usageChunk.get("choices")).isEmpty();
            assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(5);
            assertThat(usageChunk.at("/usage/total_tokens").asInt())
                    .isEqualTo(usageChunk.at("/usage/prompt_tokens").asInt() + 5);
        }
        assertThat(upstream.awaitCompletedStreams(1, WAIT)).isTrue();
    }

    @Test
    void framesEveryEventAsOneDataLineAndABlankLine() {
        try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", false), Map.of())) {
            List<SseEvent> events = stream.readToEnd(WAIT);

            StringBuilder expected = new StringBuilder();
            for (SseEvent event : events) {
                assertThat(event.raw()).isEqualTo("data: " + event.data() + "\n\n");
                assertThat(event.event()).isNull();
                expected.append(event.raw());
            }
            assertThat(stream.rawText()).isEqualTo(expected.toString());
            assertThat(stream.rawText()).endsWith("}\n\ndata: [DONE]\n\n");
        }
    }

    @Test
    void leavesUsageOutUnlessTheClientAskedForIt() {
        try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", false), Map.of())) {
            List<SseEvent> events = stream.readToEnd(WAIT);

            assertThat(events).hasSize(8); // role, 5 words, finish, [DONE]
            assertThat(events.subList(0, 7)).allSatisfy(e -> assertThat(e.json().has("usage")).isFalse());
        }
    }

    @Test
    void splitsTheReplyIntoTheConfiguredNumberOfChunks() {
        upstream.reply("abcdefghij").chunks(3);

        try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", false), Map.of())) {
            List<String> contents = stream.readToEnd(WAIT).stream()
                    .filter(e -> !e.isDone())
                    .map(e -> e.json().at("/choices/0/delta/content"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .toList();

            assertThat(contents).containsExactly("", "abcd", "efg", "hij");
        }
    }

    @Test
    void streamsAToolCallInOpenAisDeltaFormat() {
        upstream.toolCall("get_weather", "{\"city\":\"Oslo\",\"unit\":\"celsius\"}");

        try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", true), Map.of())) {
            List<JsonNode> chunks = stream.readToEnd(WAIT).stream()
                    .filter(e -> !e.isDone()).map(SseEvent::json).toList();

            JsonNode start = chunks.get(0).at("/choices/0/delta");
            assertThat(start.get("role").asText()).isEqualTo("assistant");
            assertThat(start.get("content").isNull()).isTrue();
            JsonNode call = start.at("/tool_calls/0");
            assertThat(call.get("index").asInt()).isZero();
            assertThat(call.get("id").asText()).startsWith("call_");
            assertThat(call.get("type").asText()).isEqualTo("function");
            assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
            assertThat(call.at("/function/arguments").asText()).isEmpty();

            List<JsonNode> fragments = chunks.subList(1, chunks.size() - 2);
            assertThat(fragments).hasSizeGreaterThan(1);
            StringBuilder arguments = new StringBuilder();
            for (JsonNode fragment : fragments) {
                JsonNode delta = fragment.at("/choices/0/delta/tool_calls/0");
                assertThat(fieldNames(delta)).containsExactly("index", "function");
                arguments.append(delta.at("/function/arguments").asText());
            }
            assertThat(arguments.toString()).isEqualTo("{\"city\":\"Oslo\",\"unit\":\"celsius\"}");

            assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(chunks.get(chunks.size() - 1).get("choices")).isEmpty();
        }
    }

    @Test
    void countsAStreamAsAbortedWhenTheClientHangsUp() throws InterruptedException {
        upstream.reply("one two three four five six seven eight").chunkDelay(Duration.ofMillis(100));

        SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", false), Map.of());
        stream.next(WAIT);
        stream.close();

        assertThat(upstream.awaitAbortedStreams(1, WAIT)).isTrue();
        assertThat(upstream.completedStreams()).isZero();
    }
}
