package dev.sluice.kernel.http.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The inbound Anthropic translation against golden files (sources in resources/anthropic/README.md). */
class AnthropicTranslationTest {

    private static String text(String name) {
        try (InputStream in = AnthropicTranslationTest.class.getResourceAsStream("/anthropic/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String name) {
        try {
            return Json.mapper().readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aToolConversationTranslatesToTheCanonicalRequest() {
        JsonNode canonical = AnthropicRequests.toCanonical(json("request-tools.json"));

        assertThat(canonical).isEqualTo(json("request-tools.canonical.json"));
    }

    @Test
    void theCanonicalTranslationReadsAsAChatRequest() throws IOException {
        JsonNode canonical = AnthropicRequests.toCanonical(json("request-tools.json"));

        var request = Json.mapper().treeToValue(canonical, dev.sluice.spi.model.ChatRequest.class);

        assertThat(request.messages()).hasSize(7);
        assertThat(request.messages().get(2).toolCalls().get(0).function().name()).isEqualTo("get_weather");
        assertThat(request.parallelToolCalls()).isFalse();
    }

    @Test
    void aCanonicalAnswerTranslatesToAMessage() throws IOException {
        ChatResponse answer = Json.mapper().treeToValue(json("answer-tool-calls.canonical.json"), ChatResponse.class);

        assertThat(AnthropicAnswers.of(answer, "fallback")).isEqualTo(json("answer-tool-calls.json"));
    }

    @Test
    void canonicalChunksTranslateToAnthropicsEventSequence() throws IOException {
        AnthropicEvents events = new AnthropicEvents("fallback");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : text("stream-tool-calls.chunks.jsonl").lines().toList()) {
            out.writeBytes(events.onChunk(Json.read(line, ChatChunk.class)));
        }
        out.writeBytes(events.onEnd());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text("stream-tool-calls.sse"));
    }

    @Test
    void anEmptyStreamStillStartsAndStopsTheMessage() {
        String events = new String(new AnthropicEvents("req1").onEnd(), StandardCharsets.UTF_8);

        assertThat(events).startsWith("event: message_start\n").contains("\"id\":\"msg_req1\"")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void aBlockOtherThanTextInTheSystemPromptIsRejected() {
        JsonNode body = parse("""
                {"model":"m","max_tokens":1,"system":[{"type":"image"}],"messages":[{"role":"user","content":"x"}]}""");

        assertThatThrownBy(() -> AnthropicRequests.toCanonical(body)).isInstanceOf(GatewayException.class)
                .hasMessage("system.0: only text blocks are allowed in the system prompt");
    }

    @Test
    void aToolUseWithoutIdNamesTheField() {
        JsonNode body = parse("""
                {"model":"m","max_tokens":1,"messages":[{"role":"assistant","content":[{"type":"tool_use","name":"f","input":{}}]}]}""");

        assertThatThrownBy(() -> AnthropicRequests.toCanonical(body))
                .hasMessage("messages.0.content.0.id: Field required");
    }

    @Test
    void aZeroMaxTokensIsRejected() {
        JsonNode body = parse("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThatThrownBy(() -> AnthropicRequests.toCanonical(body))
                .hasMessage("max_tokens: Input should be a positive integer");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
