package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.Fixtures.json;
import static dev.sluice.plugins.cohere.Fixtures.text;
import static dev.sluice.plugins.cohere.Fixtures.tree;
import static dev.sluice.plugins.cohere.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class CohereStreamTest {
    private static final ChatRequest HELLO = ChatRequest.of("command-a-03-2025",
            List.of(Message.of("user", "Tell me about LLMs"))).withStream(true);

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();
    private final Provider provider = Fixtures.provider(upstream);

    private static JsonNode drain(ChunkStream stream) {
        ArrayNode chunks = JsonNodeFactory.instance.arrayNode();
        try (stream) {
            for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                chunks.add(wire(chunk.get()));
            }
        }
        return chunks;
    }

    private JsonNode streamed(String fixture) {
        upstream.enqueue(Replay.resource("cohere/streams/" + fixture));
        return drain(provider.stream(HELLO, Fixtures.exchange(HELLO)));
    }

    @Test
    void streamsTextAsOpenAiChunksEndingWithFinishAndUsage() {
        assertThat(streamed("text.sse")).isEqualTo(json("streams/text.chunks.json"));
    }

    @Test
    void streamsToolCallsAsOpenAiToolCallDeltas() {
        assertThat(streamed("tool-calls.sse")).isEqualTo(json("streams/tool-calls.chunks.json"));
    }

    @Test
    void streamsCitationsAsADeltaField() {
        assertThat(streamed("citations.sse")).isEqualTo(json("streams/citations.chunks.json"));
    }

    @Test
    void postsTheStreamRequestToV2ChatWithTheKeyAndAnEventStreamAccept() {
        streamed("text.sse");

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v2/chat");
        assertThat(sent.header("authorization")).contains("Bearer " + Fixtures.KEY);
        assertThat(sent.header("accept")).contains("text/event-stream");
        assertThat(sent.body()).isEqualTo(tree("""
                {"model": "command-a-03-2025", "messages": [{"role": "user", "content": "Tell me about LLMs"}],
                 "stream": true}"""));
    }

    @Test
    void firstChunkArrivesBeforeTheUpstreamFinishes() {
        upstream.enqueue(Replay.resource("cohere/streams/text.sse").withGap(Duration.ofMillis(150)));

        long start = System.nanoTime();
        try (ChunkStream stream = provider.stream(HELLO, Fixtures.exchange(HELLO))) {
            assertThat(stream.next()).isPresent();
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            // The fixture has 29 frames, so the whole answer takes over four seconds to arrive.
            assertThat(firstMillis).isLessThan(2_000);
        }
    }

    @Test
    void streamsWithoutEventLinesAreReadByTheirType() {
        String dataOnly = text("streams/text.sse").lines().filter(line -> !line.startsWith("event:"))
                .reduce("", (all, line) -> all + line + "\n");
        upstream.enqueue(Replay.sse(dataOnly));

        assertThat(drain(provider.stream(HELLO, Fixtures.exchange(HELLO)))).isEqualTo(json("streams/text.chunks.json"));
    }

    @Test
    void thinkingDeltasBecomeReasoningContent() {
        upstream.enqueue(Replay.sse("""
                event: message-start
                data: {"type":"message-start","id":"r-1","delta":{"message":{"role":"assistant"}}}

                event: content-start
                data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"thinking","thinking":""}}}}

                event: content-delta
                data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"Hmm."}}}}

                event: content-delta
                data: {"type":"content-delta","index":1,"delta":{"message":{"content":{"text":"Hi"}}}}

                event: message-end
                data: {"type":"message-end","delta":{"finish_reason":"COMPLETE"}}

                """));

        JsonNode chunks = drain(provider.stream(HELLO, Fixtures.exchange(HELLO)));

        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(1).path("choices").get(0).path("delta")).isEqualTo(tree("{\"reasoning_content\": \"Hmm.\"}"));
        assertThat(chunks.get(2).path("choices").get(0).path("delta")).isEqualTo(tree("{\"content\": \"Hi\"}"));
        assertThat(chunks.get(3).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void errorAtMessageEndFailsTheStreamWithCoheresExplanation() {
        upstream.enqueue(Replay.resource("cohere/streams/error.sse"));

        try (ChunkStream stream = provider.stream(HELLO, Fixtures.exchange(HELLO))) {
            assertThat(stream.next()).isPresent();
            assertThat(stream.next()).isPresent();
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class, e -> {
                assertThat(e.upstreamStatus()).isEqualTo(200);
                assertThat(e.getMessage()).contains("internal server error, this has been reported to our developers");
            });
        }
    }

    @Test
    void streamThatEndsWithoutMessageEndBrokeOff() {
        upstream.enqueue(Replay.resource("cohere/streams/broken.sse"));

        try (ChunkStream stream = provider.stream(HELLO, Fixtures.exchange(HELLO))) {
            assertThat(stream.next()).isPresent();
            assertThat(stream.next()).isPresent();
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class,
                    e -> assertThat(e.getMessage()).contains("broke off"));
        }
    }

    @Test
    void rateLimitBeforeTheStreamIsThrownFromStreamWithRetryAfter() {
        upstream.enqueue(Replay.json(429, text("errors/429.json")).withHeader("retry-after", "12"));

        assertThatThrownBy(() -> provider.stream(HELLO, Fixtures.exchange(HELLO)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.upstreamStatus()).isEqualTo(429);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(12));
                    assertThat(e.getMessage()).contains("per minute request limit");
                });
    }
}
