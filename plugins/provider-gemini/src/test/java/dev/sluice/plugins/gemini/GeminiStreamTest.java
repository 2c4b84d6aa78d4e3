package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Streams replayed frame by frame over real HTTP from recorded Gemini event streams, through the
 * provider the adapter makes.
 */
class GeminiStreamTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();
    private final Provider provider = Upstreams.provider(upstream);

    private List<ChatChunk> streamOf(String fixture, String model) {
        upstream.enqueue(Replay.sse(Fixtures.text("streams/" + fixture)));
        ChatRequest request = Upstreams.hello(model).withStream(true);
        try (ChunkStream stream = provider.stream(request, Upstreams.exchange(request))) {
            List<ChatChunk> chunks = new ArrayList<>();
            for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                chunks.add(chunk.get());
            }
            return chunks;
        }
    }

    /** The chunks as JSON, with generated tool call ids replaced by {@code call_1}, {@code call_2}, … */
    private static JsonNode written(List<ChatChunk> chunks) {
        ArrayNode tree = (ArrayNode) Fixtures.written(chunks);
        int calls = 0;
        for (JsonNode chunk : tree) {
            for (JsonNode choice : chunk.path("choices")) {
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    assertThat(call.path("id").asText()).matches("call_[A-Za-z0-9]{24}");
                    ((ObjectNode) call).put("id", "call_" + ++calls);
                }
            }
        }
        return tree;
    }

    @Test
    void functionCallStreamsAsOneCompleteToolCallThenToolCallsThenUsage() {
        List<ChatChunk> chunks = streamOf("function-call.sse", "gemini-2.0-flash");

        assertThat(written(chunks)).isEqualTo(Fixtures.json("streams/function-call.chunks.json"));
    }

    @Test
    void signedFunctionCallCarriesItsThoughtSignature() {
        List<ChatChunk> chunks = streamOf("signed-function-call.sse", "gemini-2.5-flash");

        assertThat(written(chunks)).isEqualTo(Fixtures.json("streams/signed-function-call.chunks.json"));
    }

    @Test
    void textStreamedToItsLimitFinishesWithLengthAndCountsThinkingAsOutput() {
        List<ChatChunk> chunks = streamOf("max-tokens-with-thinking.sse", "gemini-2.5-flash");

        assertThat(written(chunks)).isEqualTo(Fixtures.json("streams/max-tokens-with-thinking.chunks.json"));
    }

    @Test
    void textStreamYieldsRoleThenOneChunkPerEventThenStopThenUsage() {
        List<ChatChunk> chunks = streamOf("text.sse", "gemini-2.0-flash");

        // role + 11 text events + finish + usage
        assertThat(chunks).hasSize(14);
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(chunks.get(12).choices().get(0).finishReason()).isEqualTo("stop");
        ChatChunk usage = chunks.get(13);
        assertThat(usage.isUsageOnly()).isTrue();
        assertThat(usage.usage().promptTokens()).isEqualTo(6);
        assertThat(usage.usage().completionTokens()).isEqualTo(377);
        assertThat(usage.usage().totalTokens()).isEqualTo(383);
        assertThat(chunks).extracting(ChatChunk::id).containsOnly("pdSfaOurIPqAm9IPucqbqA4");
        assertThat(chunks).extracting(ChatChunk::model).containsOnly("gemini-2.0-flash");
        assertThat(chunks).extracting(ChatChunk::object).containsOnly("chat.completion.chunk");
        assertThat(chunks).extracting(ChatChunk::created).containsOnly(Upstreams.NOW.getEpochSecond());
    }

    @Test
    void textDeltasConcatenateToTheRecordedAnswer() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (String frame : Fixtures.text("streams/text.sse").split("\r\n\r\n")) {
            JsonNode event = Json.tree(frame.substring("data: ".length()).getBytes());
            expected.append(event.at("/candidates/0/content/parts/0/text").asText());
        }

        StringBuilder streamed = new StringBuilder();
        for (ChatChunk chunk : streamOf("text.sse", "gemini-2.0-flash")) {
            if (!chunk.choices().isEmpty() && chunk.choices().get(0).delta().content() != null) {
                streamed.append(chunk.choices().get(0).delta().text());
            }
        }

        assertThat(streamed).hasToString(expected.toString());
    }

    @Test
    void streamAsksForServerSentEventsWithTheKeyInAHeader() {
        streamOf("text.sse", "gemini-2.0-flash");

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent");
        assertThat(sent.query()).isEqualTo("alt=sse");
        assertThat(sent.header("x-goog-api-key")).contains(Upstreams.KEY);
        assertThat(sent.header("accept")).contains("text/event-stream");
        assertThat(sent.body().at("/contents/0/parts/0/text").asText()).isEqualTo("Hello");
        assertThat(sent.body().has("stream")).isFalse();
    }

    @Test
    void firstChunkArrivesBeforeTheUpstreamHasFinished() {
        upstream.enqueue(Replay.sse(Fixtures.text("streams/function-call.sse")
                + Fixtures.text("streams/truncated.sse")).withGap(Duration.ofSeconds(5)));
        ChatRequest request = Upstreams.hello("gemini-2.0-flash").withStream(true);
        long start = System.nanoTime();

        try (ChunkStream stream = provider.stream(request, Upstreams.exchange(request))) {
            assertThat(stream.next()).isPresent();
            assertThat(stream.next().orElseThrow().choices().get(0).delta().toolCalls()).hasSize(1);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void errorEventMidStreamIsARetryableFailureWithItsOwnStatus() {
        upstream.enqueue(Replay.sse(Fixtures.text("streams/overloaded-mid-stream.sse")));
        ChatRequest request = Upstreams.hello("gemini-2.0-flash").withStream(true);
        ChunkStream stream = provider.stream(request, Upstreams.exchange(request));

        assertThat(stream.next()).isPresent();
        assertThat(stream.next()).isPresent();
        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'gemini' failed mid-stream: The model is overloaded. Please try again later.")
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamStatus()).isEqualTo(503))
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isTrue());
        assertThat(stream.next()).isEmpty();
        stream.close();
    }

    @Test
    void streamEndingBeforeItsFinishReasonBrokeOff() {
        upstream.enqueue(Replay.sse(Fixtures.text("streams/truncated.sse")));
        ChatRequest request = Upstreams.hello("gemini-2.0-flash").withStream(true);
        ChunkStream stream = provider.stream(request, Upstreams.exchange(request));

        for (int i = 0; i < 3; i++) {
            assertThat(stream.next()).isPresent();
        }
        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'gemini' broke off its stream (IOException)")
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isFalse());
        stream.close();
    }

    @Test
    void emptyStreamBrokeOff() {
        upstream.enqueue(Replay.sse(""));
        ChatRequest request = Upstreams.hello("gemini-2.0-flash").withStream(true);
        ChunkStream stream = provider.stream(request, Upstreams.exchange(request));

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessageContaining("broke off its stream");
        stream.close();
    }

    @Test
    void blockedPromptStreamsAnEmptyAnswerFilteredAsContentFilter() {
        String blocked = "data: " + Fixtures.json("responses/prompt-blocked.gemini.json") + "\r\n\r\n";
        upstream.enqueue(Replay.sse(blocked));
        ChatRequest request = Upstreams.hello("gemini-2.5-flash").withStream(true);
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChunkStream stream = provider.stream(request, Upstreams.exchange(request))) {
            stream.next().ifPresent(chunks::add);
            stream.next().ifPresent(chunks::add);
            assertThat(stream.next()).isEmpty();
        }

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(chunks.get(1).choices().get(0).finishReason()).isEqualTo("content_filter");
        assertThat(chunks.get(1).model()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void textAndCallsInOneEventKeepTheirOrderAndCallIndexesCount() {
        String event = "data: {\"responseId\": \"r1\", \"modelVersion\": \"gemini-2.5-pro\", \"candidates\": [{\"index\": 0,"
                + " \"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"Checking.\"},"
                + " {\"functionCall\": {\"id\": \"fc-a\", \"name\": \"a\", \"args\": {}}},"
                + " {\"functionCall\": {\"id\": \"fc-b\", \"name\": \"b\", \"args\": {\"x\": 1}}}]},"
                + " \"finishReason\": \"STOP\"}]}\r\n\r\n";
        upstream.enqueue(Replay.sse(event));
        ChatRequest request = Upstreams.hello("gemini-2.5-pro").withStream(true);
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChunkStream stream = provider.stream(request, Upstreams.exchange(request))) {
            for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                chunks.add(chunk.get());
            }
        }

        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(1).choices().get(0).delta().text()).isEqualTo("Checking.");
        assertThat(chunks.get(2).choices().get(0).delta().toolCalls())
                .extracting(call -> call.index() + ":" + call.id() + ":" + call.function().arguments())
                .containsExactly("0:fc-a:{}", "1:fc-b:{\"x\":1}");
        assertThat(chunks.get(3).choices().get(0).finishReason()).isEqualTo("tool_calls");
    }
}
