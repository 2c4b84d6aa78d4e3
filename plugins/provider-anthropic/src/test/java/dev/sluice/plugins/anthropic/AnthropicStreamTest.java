package dev.sluice.plugins.anthropic;

import static dev.sluice.plugins.anthropic.Fixtures.exchange;
import static dev.sluice.plugins.anthropic.Fixtures.lines;
import static dev.sluice.plugins.anthropic.Fixtures.written;
import static dev.sluice.plugins.anthropic.Upstreams.drain;
import static dev.sluice.plugins.anthropic.Upstreams.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamTest {
    private static final ChatRequest HELLO = ChatRequest.of("claude-sonnet-4-5", List.of(Message.of("user", "Hello")))
            .withStream(true);

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private ChunkStream stream() {
        return provider(upstream).stream(HELLO, exchange(HELLO));
    }

    private static String withError(String type) {
        return """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}

                event: error
                data: {"type":"error","error":{"type":"%s","message":"Something went wrong"}}

                """.formatted(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-use", "thinking", "max-tokens", "refusal", "two-tools-cached"})
    void translatesAnthropicEventStreamIntoOpenAiChunks(String name) {
        upstream.enqueue(Replay.resource("anthropic/streams/" + name + ".sse"));

        List<JsonNode> chunks = drain(stream());

        assertThat(chunks).containsExactlyElementsOf(lines("streams/" + name + ".chunks.jsonl"));
    }

    @Test
    void streamRequestPostsToMessagesAskingForEvents() {
        upstream.enqueue(Replay.resource("anthropic/streams/text.sse"));

        drain(stream());

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("accept")).contains("text/event-stream");
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
        assertThat(sent.body().has("stream_options")).isFalse();
    }

    @Test
    void firstChunkArrivesBeforeTheUpstreamFinishes() {
        upstream.enqueue(Replay.resource("anthropic/streams/text.sse").withGap(Duration.ofMillis(300)));
        long start = System.nanoTime();

        try (ChunkStream stream = stream()) {
            assertThat(stream.next()).isPresent();
            long firstChunk = System.nanoTime() - start;
            while (stream.next().isPresent()) {
                // read to the end
            }
            long whole = System.nanoTime() - start;

            // Seven pauses of 300 ms separate the eight events.
            assertThat(Duration.ofNanos(whole)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
            assertThat(Duration.ofNanos(firstChunk)).isLessThan(Duration.ofMillis(1000));
        }
    }

    @Test
    void overloadedErrorMidStreamIsARetryable529() {
        upstream.enqueue(Replay.resource("anthropic/streams/error-overloaded.sse"));
        List<JsonNode> expected = lines("streams/error-overloaded.chunks.jsonl");

        try (ChunkStream stream = stream()) {
            assertThat(written(stream.next().orElseThrow())).isEqualTo(expected.get(0));
            assertThat(written(stream.next().orElseThrow())).isEqualTo(expected.get(1));
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class, e -> {
                assertThat(e.upstreamStatus()).isEqualTo(529);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("Overloaded").contains("overloaded_error");
            });
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rate_limit_error, 429, true",
        "api_error, 500, true",
        "timeout_error, 504, true",
        "invalid_request_error, 400, false",
        "authentication_error, 401, false",
        "permission_error, 403, false",
        "not_found_error, 404, false",
        "request_too_large, 413, false",
        "billing_error, 402, false",
        "an_error_from_the_future, 500, false",
    })
    void errorEventMidStreamHasTheStatusOfItsType(String type, int status, boolean retryable) {
        upstream.enqueue(Replay.sse(withError(type)));

        try (ChunkStream stream = stream()) {
            assertThat(stream.next()).isPresent();
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class, e -> {
                assertThat(e.upstreamStatus()).isEqualTo(status);
                assertThat(e.retryable()).isEqualTo(retryable);
            });
        }
    }

    @Test
    void streamEndingWithoutMessageStopIsBrokenOff() {
        upstream.enqueue(Replay.sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                """));

        try (ChunkStream stream = stream()) {
            assertThat(stream.next()).isPresent();
            assertThat(stream.next()).isPresent();
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class,
                    e -> assertThat(e.getMessage()).contains("broke off"));
        }
    }

    @Test
    void unknownEventTypesAreSkipped() {
        upstream.enqueue(Replay.sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","model":"m","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

                event: something_new
                data: {"type":"something_new","detail":1}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}

                event: message_stop
                data: {"type":"message_stop"}

                """));

        List<JsonNode> chunks = drain(stream());

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2).path("usage").path("total_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void upstreamRefusingTheStreamFailsBeforeAnyChunk() {
        upstream.enqueue(Replay.json(529, Fixtures.text("errors/529-overloaded.json")));

        assertThatThrownBy(this::stream).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.upstreamStatus()).isEqualTo(529);
            assertThat(e.retryable()).isTrue();
        });
    }
}
