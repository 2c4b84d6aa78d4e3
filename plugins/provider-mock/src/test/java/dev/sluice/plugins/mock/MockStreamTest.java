package dev.sluice.plugins.mock;

import static dev.sluice.plugins.mock.MockRequests.exchange;
import static dev.sluice.plugins.mock.MockRequests.mock;
import static dev.sluice.plugins.mock.MockRequests.streamed;
import static dev.sluice.plugins.mock.MockRequests.user;
import static dev.sluice.plugins.mock.MockRequests.withTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockStreamTest {
    private static final String TEXT = "Hello  wide\nworld, again ";

    private static ChunkStream open(Provider provider, ChatRequest request) {
        return provider.stream(request, exchange(request));
    }

    private static List<ChatChunk> readAll(ChunkStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
            chunks.add(chunk.get());
        }
        stream.close();
        return chunks;
    }

    /** The chunks before the usage-only chunk that ends every stream. */
    private static List<ChatChunk> stream(ChatRequest request) {
        return readAll(open(mock(), request)).stream().filter(chunk -> !chunk.isUsageOnly()).toList();
    }

    private static String content(ChatChunk chunk) {
        return chunk.choices().isEmpty() ? "" : chunk.choices().get(0).delta().text();
    }

    @Test
    void firstChunkCarriesTheAssistantRoleAndEmptyContent() {
        ChatChunk first = stream(streamed(user(TEXT), false)).get(0);

        assertThat(Json.string(first.choices().get(0).delta())).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    }

    @Test
    void deltasConcatenateToTheTextExactly() {
        String text = stream(streamed(user(TEXT), false)).stream().map(MockStreamTest::content)
                .reduce("", String::concat);

        assertThat(text).isEqualTo(TEXT);
    }

    @Test
    void eachWordIsAChunkOfItsOwn() {
        List<ChatChunk> chunks = stream(streamed(user(TEXT), false));

        // role chunk, "Hello", "  wide", "\nworld,", " again", " ", finish chunk
        assertThat(chunks).hasSize(7);
        assertThat(content(chunks.get(2))).isEqualTo("  wide");
    }

    @Test
    void finishChunkHasAnEmptyDeltaAndStop() {
        List<ChatChunk> chunks = stream(streamed(user(TEXT), false));
        ChatChunk last = chunks.get(chunks.size() - 1);

        assertThat(Json.string(last.choices().get(0).delta())).isEqualTo("{}");
        assertThat(last.choices().get(0).finishReason()).isEqualTo("stop");
    }

    @Test
    void usageOnlyChunkEndsEveryStreamSoTheGatewayLearnsTheUsage() {
        List<ChatChunk> chunks = readAll(open(mock(), streamed(user(TEXT), false)));
        ChatChunk last = chunks.get(chunks.size() - 1);

        assertThat(last.isUsageOnly()).isTrue();
        // one user message of 4 words, plus 4 per message
        assertThat(last.usage().promptTokens()).isEqualTo(8);
        assertThat(last.usage().completionTokens()).isEqualTo(4);
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(chunk -> chunk.usage() != null);
    }

    @Test
    void everyChunkSharesIdModelAndObject() {
        assertThat(stream(streamed(user(TEXT), true)))
                .allSatisfy(chunk -> {
                    assertThat(chunk.id()).isEqualTo("chatcmpl-mock-1");
                    assertThat(chunk.model()).isEqualTo("mock-echo");
                    assertThat(chunk.object()).isEqualTo("chat.completion.chunk");
                });
    }

    @Test
    void toolCallStreamStartsWithIndexIdNameAndEmptyArguments() {
        ChatChunk first = stream(streamed(withTool(user("/tool lookup {\"q\": \"sluice gates\"}"), "lookup"), false))
                .get(0);

        assertThat(first.choices().get(0).delta().role()).isEqualTo("assistant");
        ToolCall head = first.choices().get(0).delta().toolCalls().get(0);
        assertThat(head.index()).isZero();
        assertThat(head.id()).isEqualTo("call_mock_1");
        assertThat(head.type()).isEqualTo("function");
        assertThat(head.function().name()).isEqualTo("lookup");
        assertThat(head.function().arguments()).isEmpty();
    }

    @Test
    void toolCallArgumentFragmentsConcatenateToTheArguments() {
        List<ChatChunk> chunks = stream(streamed(withTool(user("/tool lookup {\"q\": \"sluice gates\"}"), "lookup"),
                false));

        StringBuilder arguments = new StringBuilder();
        for (ChatChunk chunk : chunks.subList(1, chunks.size() - 1)) {
            ToolCall piece = chunk.choices().get(0).delta().toolCalls().get(0);
            assertThat(piece.index()).isZero();
            assertThat(piece.id()).isNull();
            arguments.append(piece.function().arguments());
        }
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(arguments).hasToString("{\"q\": \"sluice gates\"}");
    }

    @Test
    void toolCallStreamFinishesWithToolCalls() {
        List<ChatChunk> chunks = stream(streamed(withTool(user("/tool lookup {}"), "lookup"), false));

        assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void errorTriggerFailsBeforeTheStreamIsReturned() {
        Provider provider = mock();
        ChatRequest request = streamed(user("/error 429"), false);

        assertThatThrownBy(() -> open(provider, request)).isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamStatus()).isEqualTo(429));
    }

    @Test
    void latencyIsSpentInTheFirstNextNotInStream() {
        Provider provider = mock("{\"latency\": \"300ms\"}");
        long start = System.nanoTime();
        ChunkStream stream = open(provider, streamed(user("hi"), false));
        long opened = System.nanoTime();
        stream.next();
        long first = System.nanoTime();

        assertThat((opened - start) / 1_000_000).isLessThan(300);
        assertThat((first - opened) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void chunkDelayIsSpentBeforeEachWord() {
        ChunkStream stream = open(mock("{\"chunk_delay\": \"100ms\"}"), streamed(user("one two"), false));
        stream.next();
        long start = System.nanoTime();
        stream.next();
        stream.next();

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void closedStreamYieldsNothing() {
        ChunkStream stream = open(mock(), streamed(user(TEXT), false));
        stream.next();
        stream.close();

        assertThat(stream.next()).isEmpty();
    }
}
