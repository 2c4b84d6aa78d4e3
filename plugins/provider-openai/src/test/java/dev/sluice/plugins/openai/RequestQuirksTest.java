package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.testkit.replay.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden files: one canonical request (every field a client may send, a conversation with an
 * OpenAI tool call and its result) goes in, and each preset's upstream body must come out exactly
 * as in {@code presets/<type>/upstream-request.json}. Sources of each quirk: see
 * {@code presets/README.md}.
 */
class RequestQuirksTest {

    static JsonNode json(String resource) {
        try {
            return Json.tree(Replay.text(resource).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body the provider sends for a streamed request (stream flags set, then the quirks), read
     * back as the upstream reads it.
     */
    private static JsonNode upstreamBody(Preset preset, String resource) throws IOException {
        ChatRequest request = Json.read(Replay.text(resource), ChatRequest.class);
        ObjectNode body = Json.mapper().valueToTree(OutboundChat.streamed(request, true));
        return Json.tree(Json.bytes(preset.requests().chat(body, "test")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"MISTRAL", "GROQ", "TOGETHER", "DEEPSEEK", "FIREWORKS", "OLLAMA"})
    void canonicalRequestBecomesThePresetsUpstreamBody(Preset preset) throws IOException {
        JsonNode expected = json("presets/" + preset.type() + "/upstream-request.json");

        assertThat(upstreamBody(preset, "presets/canonical-request.json")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"OPENAI", "OPENROUTER", "VLLM"})
    void typesWithoutRequestQuirksSendTheRequestAsItIs(Preset preset) {
        assertThat(preset.requests().rewritesChat()).isFalse();
        assertThat(preset.requests().rewritesEmbeddings()).isFalse();
    }

    @Test
    void mistralToolCallIdsStillPairTheCallWithItsResult() throws IOException {
        JsonNode messages = upstreamBody(Preset.MISTRAL, "presets/canonical-request.json").get("messages");

        String callId = messages.get(3).get("tool_calls").get(0).get("id").asText();
        assertThat(callId).matches("[A-Za-z0-9]{9}");
        assertThat(messages.get(4).get("tool_call_id").asText()).isEqualTo(callId);
    }

    @Test
    void deepSeekKeepsReasoningContentInTheHistory() throws IOException {
        JsonNode messages = upstreamBody(Preset.DEEPSEEK, "presets/canonical-request.json").get("messages");

        assertThat(messages.get(5).get("reasoning_content").asText()).isEqualTo("The tool said 18.");
    }

    @Test
    void groqRefusesMoreThanOneChoiceBeforeAnyCall() {
        ObjectNode body = Json.mapper().createObjectNode().put("model", "llama-3.3-70b-versatile").put("n", 2);

        assertThatThrownBy(() -> Preset.GROQ.requests().chat(body, "groq-fast"))
                .isInstanceOf(GatewayException.class)
                .hasMessage("provider 'groq-fast' returns one choice per request; 'n' must be 1")
                .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST))
                .satisfies(e -> assertThat(((GatewayException) e).param()).contains("n"));
    }

    @Test
    void groqAcceptsOneChoice() {
        ObjectNode body = Json.mapper().createObjectNode().put("n", 1);

        assertThat(Preset.GROQ.requests().chat(body, "groq").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void groqRefusesLogprobs() {
        ObjectNode body = Json.mapper().createObjectNode().put("logprobs", true).put("top_logprobs", 3);

        assertThatThrownBy(() -> Preset.GROQ.requests().chat(body, "groq"))
                .isInstanceOf(GatewayException.class).hasMessage("provider 'groq' does not return log probabilities");
    }

    @Test
    void groqRefusesLogitBias() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("logit_bias").put("1734", -100);

        assertThatThrownBy(() -> Preset.GROQ.requests().chat(body, "groq"))
                .isInstanceOf(GatewayException.class).hasMessage("provider 'groq' does not support 'logit_bias'");
    }

    @Test
    void mistralRefusesLogprobs() {
        ObjectNode body = Json.mapper().createObjectNode().put("logprobs", true);

        assertThatThrownBy(() -> Preset.MISTRAL.requests().chat(body, "mistral"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("log probabilities");
    }

    @Test
    void ollamaRefusesMoreThanOneChoice() {
        ObjectNode body = Json.mapper().createObjectNode().put("n", 3);

        assertThatThrownBy(() -> Preset.OLLAMA.requests().chat(body, "local"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("'n' must be 1");
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokensWhenBothAreSent() {
        ObjectNode both = Json.mapper().createObjectNode().put("max_tokens", 100).put("max_completion_tokens", 50);

        JsonNode out = Preset.DEEPSEEK.requests().chat(both, "deepseek");

        assertThat(out.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(out.has("max_completion_tokens")).isFalse();
    }

    @Test
    void mistralEmbeddingsRenameDimensionsAndDropTheUser() throws IOException {
        EmbeddingRequest request = Json.read("{\"model\":\"mistral-embed\",\"input\":[\"hello\"],"
                + "\"dimensions\":256,\"encoding_format\":\"float\",\"user\":\"u-1\"}", EmbeddingRequest.class);

        JsonNode out = Preset.MISTRAL.requests().embeddings(Json.mapper().valueToTree(request));

        assertThat(out).isEqualTo(Json.tree(("{\"model\":\"mistral-embed\",\"input\":[\"hello\"],"
                + "\"output_dimension\":256,\"encoding_format\":\"float\"}").getBytes()));
    }
}
