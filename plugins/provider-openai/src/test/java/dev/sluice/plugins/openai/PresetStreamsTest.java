package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each preset's recorded stream shapes (see {@code presets/README.md}) replayed event by event
 * over real HTTP, through a provider made by the type's adapter.
 */
class PresetStreamsTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private ChunkStream stream(Preset preset, String fixture) {
        upstream.enqueue(Replay.resource("presets/" + fixture));
        Provider provider = Adapters.of(preset).create(preset.type(), OpenAiConfigTest.settings(Adapters.settings(
                Map.of("api_key", Adapters.KEY, "base_url", upstream.baseUrl() + "/v1"))), TestGatewayContext.create());
        return provider.stream(Adapters.hello(true), Adapters.exchange(Adapters.hello(true)));
    }

    private List<ChatChunk> chunks(Preset preset, String fixture) {
        return Adapters.readAll(stream(preset, fixture));
    }

    private static String text(List<ChatChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> !c.choices().isEmpty() && c.choices().get(0).delta() != null)
                .forEach(c -> text.append(c.choices().get(0).delta().text()));
        return text.toString();
    }

    private static String finishReason(ChatChunk chunk) {
        return chunk.choices().get(0).finishReason();
    }

    @Test
    void mistralModelLengthBecomesLengthAndTheUsageMovesToAUsageOnlyChunk() {
        List<ChatChunk> chunks = chunks(Preset.MISTRAL, "mistral/stream.sse");

        assertThat(chunks).hasSize(5);
        assertThat(text(chunks)).isEqualTo("Hello! How can I help?");
        ChatChunk finish = chunks.get(3);
        assertThat(finishReason(finish)).isEqualTo("length");
        assertThat(finish.usage()).isNull();
        ChatChunk usage = chunks.get(4);
        assertThat(usage.isUsageOnly()).isTrue();
        assertThat(usage.usage().totalTokens()).isEqualTo(17);
        assertThat(chunks).extracting(ChatChunk::id).containsOnly("cmpl-e5cc70bb28c444948073e77776eb30ef");
    }

    @Test
    void mistralChunksThatNeedNoChangeAreRelayedAsTheUpstreamsBytes() {
        ChunkStream stream = stream(Preset.MISTRAL, "mistral/stream.sse");

        ChatChunk first = stream.next().orElseThrow();
        assertThat(stream.jsonOf(first)).hasValueSatisfying(json -> assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"cmpl-e5cc70bb28c444948073e77776eb30ef\""));
        stream.next();
        stream.next();
        ChatChunk changed = stream.next().orElseThrow();
        assertThat(stream.jsonOf(changed)).as("a rewritten chunk has no upstream bytes").isEmpty();
        stream.close();
    }

    @Test
    void mistralToolCallArrivesWholeFollowedByTheUsage() {
        List<ChatChunk> chunks = chunks(Preset.MISTRAL, "mistral/tool-call-stream.sse");

        ToolCall call = chunks.get(1).choices().get(0).delta().toolCalls().get(0);
        assertThat(call.id()).isEqualTo("D681PevKs");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"location\": \"Paris\"}");
        assertThat(finishReason(chunks.get(1))).isEqualTo("tool_calls");
        assertThat(chunks.get(2).isUsageOnly()).isTrue();
        assertThat(chunks.get(2).usage().promptTokens()).isEqualTo(87);
    }

    @Test
    void mistralErrorFinishFailsTheStream() {
        ChunkStream stream = stream(Preset.MISTRAL, "mistral/error-stream.sse");
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'mistral' failed mid-stream: the generation ended with finish_reason 'error'");
    }

    @Test
    void groqStreamKeepsItsUsageChunkAndXGroqFields() {
        List<ChatChunk> chunks = chunks(Preset.GROQ, "groq/stream.sse");

        assertThat(chunks).hasSize(4);
        assertThat(text(chunks)).isEqualTo("Fast inference matters.");
        assertThat(finishReason(chunks.get(2))).isEqualTo("stop");
        assertThat(chunks.get(3).isUsageOnly()).isTrue();
        assertThat(chunks.get(3).usage().totalTokens()).isEqualTo(19);
        assertThat(chunks.get(0).extra().get("x_groq").get("id").asText()).isEqualTo("req_01jecd0jq4f3wbw6xvq7qk5k1m");
    }

    @Test
    void groqErrorInXGroqFailsTheStream() {
        ChunkStream stream = stream(Preset.GROQ, "groq/error-stream.sse");
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'groq' failed mid-stream: the model produced invalid tool call arguments");
    }

    @Test
    void togetherEosBecomesStopAndTheUsageMovesToAUsageOnlyChunk() {
        List<ChatChunk> chunks = chunks(Preset.TOGETHER, "together/stream.sse");

        assertThat(text(chunks)).isEqualTo("Hi!");
        assertThat(finishReason(chunks.get(2))).isEqualTo("stop");
        assertThat(chunks.get(3).isUsageOnly()).isTrue();
        assertThat(chunks.get(3).usage().totalTokens()).isEqualTo(15);
    }

    @Test
    void deepSeekReasoningDeltasArriveAsTheUpstreamSentThem() {
        ChunkStream stream = stream(Preset.DEEPSEEK, "deepseek/stream.sse");
        stream.next();

        ChatChunk reasoning = stream.next().orElseThrow();
        assertThat(reasoning.choices().get(0).delta().extra().get("reasoning_content").asText())
                .isEqualTo("The user greets me.");
        assertThat(stream.jsonOf(reasoning)).hasValueSatisfying(json -> assertThat(new String(json,
                StandardCharsets.UTF_8)).contains("\"reasoning_content\":\"The user greets me.\""));
        stream.close();
    }

    @Test
    void deepSeekStreamEndsWithTheUsageIncludingCachedTokens() {
        List<ChatChunk> chunks = chunks(Preset.DEEPSEEK, "deepseek/stream.sse");

        assertThat(chunks).hasSize(5);
        assertThat(text(chunks)).isEqualTo("Hello!");
        ChatChunk usage = chunks.get(4);
        assertThat(usage.isUsageOnly()).isTrue();
        assertThat(usage.usage().promptTokens()).isEqualTo(10);
        assertThat(usage.usage().completionTokens()).isEqualTo(12);
        assertThat(usage.usage().promptTokensDetails().get("cached_tokens").asInt()).isZero();
    }

    @Test
    void deepSeekOutOfResourcesFailsTheStream() {
        ChunkStream stream = stream(Preset.DEEPSEEK, "deepseek/busy-stream.sse");
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class).hasMessageContaining(
                "insufficient_system_resource");
    }

    @Test
    void fireworksUsageOnTheFinishChunkMovesToAUsageOnlyChunk() {
        List<ChatChunk> chunks = chunks(Preset.FIREWORKS, "fireworks/stream.sse");

        assertThat(chunks).hasSize(4);
        assertThat(finishReason(chunks.get(2))).isEqualTo("stop");
        assertThat(chunks.get(2).usage()).isNull();
        assertThat(chunks.get(3).isUsageOnly()).isTrue();
        assertThat(chunks.get(3).usage().totalTokens()).isEqualTo(12);
    }

    @Test
    void openRouterProcessingCommentsAreSkipped() {
        List<ChatChunk> chunks = chunks(Preset.OPENROUTER, "openrouter/stream.sse");

        assertThat(chunks).hasSize(3);
        assertThat(text(chunks)).isEqualTo("Hello!");
        assertThat(chunks.get(2).usage().extra().get("cost").asDouble()).isEqualTo(0.0000024);
    }

    @Test
    void openRouterErrorAfterTheFirstChunkFailsTheStreamWithItsMessage() {
        ChunkStream stream = stream(Preset.OPENROUTER, "openrouter/error-stream.sse");
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openrouter' failed mid-stream: Provider disconnected unexpectedly");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"OPENAI", "OLLAMA", "VLLM"})
    void typesWithoutAnswerQuirksHandOnTheUpstreamStreamItself(Preset preset) {
        ChunkStream stream = stream(preset, "groq/stream.sse");

        assertThat(stream).isInstanceOf(OpenAiChunkStream.class);
        stream.close();
    }
}
