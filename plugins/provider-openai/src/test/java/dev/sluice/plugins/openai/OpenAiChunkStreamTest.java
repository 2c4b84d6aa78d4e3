package dev.sluice.plugins.openai;

import dev.sluice.spi.provider.UpstreamErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ToolCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiChunkStreamTest {
    private static final String FIRST = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1754051246,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}],"
            + "\"usage\":null}\n\n";

    private final UpstreamErrors errors = new UpstreamErrors("openai", List.of(), Clock.systemUTC());

    private OpenAiChunkStream streamOf(String transcript) {
        return new OpenAiChunkStream(CannedResponse.events(Transcripts.open(transcript)), errors);
    }

    private static List<ChatChunk> readAll(OpenAiChunkStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
            chunks.add(chunk.get());
        }
        return chunks;
    }

    private static String content(ChatChunk chunk) {
        return chunk.choices().isEmpty() || chunk.choices().get(0).delta() == null ? ""
                : chunk.choices().get(0).delta().text();
    }

    @Test
    void textStreamDeltasConcatenateToTheAnswer() {
        List<ChatChunk> chunks = readAll(streamOf("chat-stream.sse"));

        String text = chunks.stream().map(OpenAiChunkStreamTest::content).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello! How can I help you today?");
    }

    @Test
    void textStreamYieldsOneChunkPerEventBeforeDone() {
        // role chunk + 9 content chunks + finish chunk + usage chunk
        assertThat(readAll(streamOf("chat-stream.sse"))).hasSize(12);
    }

    @Test
    void firstChunkCarriesTheAssistantRole() {
        ChatChunk first = streamOf("chat-stream.sse").next().orElseThrow();

        assertThat(first.choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(first.usage()).isNull();
    }

    @Test
    void textStreamFinishesWithStopThenTheUsageOnlyChunk() {
        List<ChatChunk> chunks = readAll(streamOf("chat-stream.sse"));

        assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo("stop");
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.isUsageOnly()).isTrue();
        assertThat(last.usage().promptTokens()).isEqualTo(19);
        assertThat(last.usage().completionTokens()).isEqualTo(9);
        assertThat(last.usage().totalTokens()).isEqualTo(28);
    }

    @Test
    void unknownChunkFieldsArePreserved() {
        ChatChunk first = streamOf("chat-stream.sse").next().orElseThrow();

        assertThat(first.extra().get("service_tier").asText()).isEqualTo("default");
        assertThat(first.systemFingerprint()).isEqualTo("fp_34a54ae93c");
    }

    @Test
    void streamStaysEmptyAfterDone() {
        OpenAiChunkStream stream = streamOf("chat-stream.sse");
        readAll(stream);

        assertThat(stream.next()).isEmpty();
        assertThat(stream.next()).isEmpty();
    }

    @Test
    void toolCallStreamStartsWithIdNameAndEmptyArguments() {
        ToolCall head = streamOf("tool-call-stream.sse").next().orElseThrow()
                .choices().get(0).delta().toolCalls().get(0);

        assertThat(head.index()).isZero();
        assertThat(head.id()).isEqualTo("call_Wq3nVb7KzR1xYp0LmT5cHd2A");
        assertThat(head.type()).isEqualTo("function");
        assertThat(head.function().name()).isEqualTo("get_weather");
        assertThat(head.function().arguments()).isEmpty();
    }

    @Test
    void toolCallArgumentFragmentsConcatenateToTheArguments() {
        StringBuilder arguments = new StringBuilder();
        for (ChatChunk chunk : readAll(streamOf("tool-call-stream.sse"))) {
            if (!chunk.choices().isEmpty() && chunk.choices().get(0).delta().toolCalls() != null) {
                arguments.append(chunk.choices().get(0).delta().toolCalls().get(0).function().arguments());
            }
        }

        assertThat(arguments).hasToString("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
    }

    @Test
    void toolCallStreamFinishesWithToolCalls() {
        List<ChatChunk> chunks = readAll(streamOf("tool-call-stream.sse"));

        assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo("tool_calls");
        assertThat(chunks.get(chunks.size() - 1).usage().totalTokens()).isEqualTo(101);
    }

    @Test
    void chunksAreHandedOnBeforeTheRestOfTheBodyArrives() {
        SegmentedBody body = SegmentedBody.thenFail(FIRST);
        OpenAiChunkStream stream = new OpenAiChunkStream(CannedResponse.events(body), errors);

        assertThat(content(stream.next().orElseThrow())).isEqualTo("Hi");
        assertThat(body.reads).isEqualTo(1);
    }

    @Test
    void connectionLostMidStreamBecomesAnUpstreamException() {
        OpenAiChunkStream stream = new OpenAiChunkStream(CannedResponse.events(SegmentedBody.thenFail(FIRST)),
                errors);
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' broke off its stream (IOException)")
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isFalse());
    }

    @Test
    void eventSplitAcrossReadsIsReassembled() {
        String half = FIRST.substring(0, 40);
        OpenAiChunkStream stream = new OpenAiChunkStream(
                CannedResponse.events(SegmentedBody.thenEnd(half, FIRST.substring(40))), errors);

        assertThat(content(stream.next().orElseThrow())).isEqualTo("Hi");
    }

    @Test
    void endOfBodyWithoutDoneEndsTheStream() {
        OpenAiChunkStream stream = new OpenAiChunkStream(CannedResponse.events(SegmentedBody.thenEnd(FIRST)),
                errors);

        assertThat(stream.next()).isPresent();
        assertThat(stream.next()).isEmpty();
    }

    @Test
    void errorEventInTheStreamBecomesAnUpstreamException() {
        String error = "data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
        OpenAiChunkStream stream = new OpenAiChunkStream(
                CannedResponse.events(SegmentedBody.thenEnd(FIRST, error)), errors);
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' failed mid-stream: "
                        + "The server had an error while processing your request.");
    }

    @Test
    void unreadableEventBecomesAnUpstreamException() {
        OpenAiChunkStream stream = new OpenAiChunkStream(
                CannedResponse.events(SegmentedBody.thenEnd("data: {\"id\": \n\n")), errors);

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' sent an unreadable answer");
    }

    @Test
    void streamClosesTheResponseOnceEvenWhenClosedTwice() {
        CannedResponse response = CannedResponse.events(SegmentedBody.thenEnd(FIRST));
        OpenAiChunkStream stream = new OpenAiChunkStream(response, errors);

        stream.close();
        stream.close();

        assertThat(response.closeCount).isEqualTo(1);
    }

    @Test
    void closedStreamYieldsNothing() {
        OpenAiChunkStream stream = new OpenAiChunkStream(CannedResponse.events(SegmentedBody.thenEnd(FIRST)),
                errors);
        stream.close();

        assertThat(stream.next()).isEmpty();
    }

    @Test
    void streamReleasesTheResponseAtDone() {
        CannedResponse response = CannedResponse.events(Transcripts.open("chat-stream.sse"));
        readAll(new OpenAiChunkStream(response, errors));

        assertThat(response.closeCount).isEqualTo(1);
    }

    @Test
    void theLastChunkKeepsTheExactBytesItWasReadFrom() {
        OpenAiChunkStream stream = new OpenAiChunkStream(CannedResponse.events(SegmentedBody.thenEnd(FIRST)),
                errors);
        ChatChunk chunk = stream.next().orElseThrow();

        String data = FIRST.substring("data: ".length(), FIRST.length() - 2);
        assertThat(stream.jsonOf(chunk)).hasValueSatisfying(json -> assertThat(new String(json,
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(data));
        assertThat(stream.jsonOf(chunk.withModel("other"))).as("a changed chunk has no upstream bytes").isEmpty();
    }
}
