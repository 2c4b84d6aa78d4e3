package dev.sluice.plugins.anthropic;

import static dev.sluice.plugins.anthropic.Fixtures.json;
import static dev.sluice.plugins.anthropic.Fixtures.parse;
import static dev.sluice.plugins.anthropic.Fixtures.request;
import static dev.sluice.plugins.anthropic.Fixtures.tree;
import static dev.sluice.plugins.anthropic.Fixtures.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.model.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicRequestsTest {

    private static JsonNode translate(ChatRequest request) {
        return written(AnthropicRequests.translate(request, 4096, false));
    }

    /** A request with one user message and the given extra fields. */
    private static ChatRequest hello(String fields) {
        return parse("{\"model\": \"claude-sonnet-4-5\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]"
                + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    private static GatewayException refusal(ChatRequest request) {
        try {
            AnthropicRequests.translate(request, 4096, false);
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("the request was translated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "tool-history", "images-and-cache", "structured"})
    void translatesOpenAiRequestIntoAnthropicMessagesBody(String name) {
        JsonNode body = translate(request("requests/" + name + ".openai.json"));

        assertThat(body).isEqualTo(json("requests/" + name + ".anthropic.json"));
    }

    @Test
    void streamedRequestAsksForAnEventStream() {
        JsonNode body = written(AnthropicRequests.translate(hello(""), 4096, true));

        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    @Test
    void requestWithoutOutputCapGetsTheConfiguredDefault() {
        JsonNode body = written(AnthropicRequests.translate(hello(""), 777, false));

        assertThat(body.path("max_tokens").asInt()).isEqualTo(777);
    }

    @Test
    void legacyMaxTokensBecomesMaxTokens() {
        assertThat(translate(hello("\"max_tokens\": 300")).path("max_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void moreThanOneChoiceIsRefusedBeforeCallingTheUpstream() {
        GatewayException e = refusal(hello("\"n\": 2"));

        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.param()).contains("n");
    }

    @Test
    void oneChoiceIsAllowed() {
        assertThat(translate(hello("\"n\": 1")).has("n")).isFalse();
    }

    @Test
    void toolCallArgumentsThatAreNotJsonAreRefused() {
        GatewayException e = refusal(parse("""
                {"model": "m", "messages": [
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "f", "arguments": "{location: Paris"}}]}]}
                """));

        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.param()).contains("messages[1].tool_calls[0].function.arguments");
    }

    @Test
    void toolCallArgumentsThatAreNotAnObjectAreRefused() {
        GatewayException e = refusal(parse("""
                {"model": "m", "messages": [
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "f", "arguments": "[1, 2]"}}]}]}
                """));

        assertThat(e.param()).contains("messages[0].tool_calls[0].function.arguments");
    }

    @Test
    void toolMessageWithoutToolCallIdIsRefused() {
        GatewayException e = refusal(parse("{\"model\": \"m\", \"messages\": [{\"role\": \"tool\", \"content\": \"42\"}]}"));

        assertThat(e.param()).contains("messages[0].tool_call_id");
    }

    @Test
    void audioPartIsRefused() {
        GatewayException e = refusal(parse("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}]}]}
                """));

        assertThat(e.getMessage()).contains("input_audio");
        assertThat(e.param()).contains("messages[0].content[0]");
    }

    @Test
    void imageDataUrlThatIsNotBase64IsRefused() {
        GatewayException e = refusal(parse("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "data:image/svg+xml,%3Csvg%3E"}}]}]}
                """));

        assertThat(e.param()).contains("messages[0].content[0].image_url.url");
    }

    @Test
    void imageInTheSystemPromptIsRefused() {
        GatewayException e = refusal(parse("""
                {"model": "m", "messages": [{"role": "system", "content": [
                  {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]}]}
                """));

        assertThat(e.param()).contains("messages[0]");
    }

    @Test
    void legacyFunctionRoleIsRefused() {
        GatewayException e = refusal(parse("""
                {"model": "m", "messages": [{"role": "function", "name": "f", "content": "42"}]}
                """));

        assertThat(e.param()).contains("messages[0].role");
    }

    @Test
    void anthropicBlockTypesInContentGoOutAsTheyCame() {
        JsonNode body = translate(parse("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "document", "source": {"type": "url", "url": "https://example.com/a.pdf"}},
                  {"type": "text", "text": "Summarise it."}]}]}
                """));

        assertThat(body.path("messages").get(0).path("content")).isEqualTo(tree("""
                [{"type": "document", "source": {"type": "url", "url": "https://example.com/a.pdf"}},
                 {"type": "text", "text": "Summarise it."}]
                """));
    }

    @Test
    void parallelToolCallsOffWithoutToolChoiceDisablesParallelToolUseUnderAuto() {
        JsonNode body = translate(hello("""
                "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
                "parallel_tool_calls": false
                """));

        assertThat(body.path("tool_choice")).isEqualTo(tree("{\"type\": \"auto\", \"disable_parallel_tool_use\": true}"));
    }

    @Test
    void toolChoiceNoneTakesNoParallelFlag() {
        JsonNode body = translate(hello("""
                "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
                "tool_choice": "none", "parallel_tool_calls": false
                """));

        assertThat(body.path("tool_choice")).isEqualTo(tree("{\"type\": \"none\"}"));
    }

    @Test
    void toolChoiceAutoBecomesAuto() {
        JsonNode body = translate(hello("""
                "tools": [{"type": "function", "function": {"name": "f"}}], "tool_choice": "auto"
                """));

        assertThat(body.path("tool_choice")).isEqualTo(tree("{\"type\": \"auto\"}"));
    }

    @Test
    void unknownToolChoiceIsRefused() {
        GatewayException e = refusal(hello("""
                "tools": [{"type": "function", "function": {"name": "f"}}], "tool_choice": "sometimes"
                """));

        assertThat(e.param()).contains("tool_choice");
    }

    @Test
    void toolChoiceWithoutToolsIsLeftOut() {
        assertThat(translate(hello("\"tool_choice\": \"auto\"")).has("tool_choice")).isFalse();
    }

    @Test
    void jsonObjectFormatIsLeftToThePrompt() {
        JsonNode body = translate(hello("\"response_format\": {\"type\": \"json_object\"}"));

        assertThat(body.has("output_config")).isFalse();
    }

    @Test
    void jsonSchemaFormatWithoutSchemaIsRefused() {
        GatewayException e = refusal(hello("\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"x\"}}"));

        assertThat(e.param()).contains("response_format.json_schema.schema");
    }

    @Test
    void userWinsOverACarriedMetadataUserId() {
        JsonNode body = translate(hello("\"user\": \"u-1\", \"metadata\": {\"user_id\": \"other\"}"));

        assertThat(body.path("metadata")).isEqualTo(tree("{\"user_id\": \"u-1\"}"));
    }

    @Test
    void carriedMetadataKeepsOnlyTheUserId() {
        JsonNode body = translate(hello("\"metadata\": {\"user_id\": \"u-2\", \"purpose\": \"eval\"}"));

        assertThat(body.path("metadata")).isEqualTo(tree("{\"user_id\": \"u-2\"}"));
    }

    @Test
    void openAiMetadataWithoutUserIdIsLeftOut() {
        assertThat(translate(hello("\"metadata\": {\"purpose\": \"eval\"}")).has("metadata")).isFalse();
    }

    @Test
    void thinkingRequestedAmongExtraFieldsGoesOut() {
        JsonNode body = translate(hello("\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 2048}"));

        assertThat(body.path("thinking")).isEqualTo(tree("{\"type\": \"enabled\", \"budget_tokens\": 2048}"));
    }

    @Test
    void openAiOnlyFieldsAreLeftOut() {
        JsonNode body = translate(hello("""
                "seed": 1, "frequency_penalty": 0.1, "logit_bias": {"50256": -100}, "store": true,
                "reasoning_effort": "low", "stream_options": {"include_usage": true}
                """));

        assertThat(body).isEqualTo(tree("""
                {"model": "claude-sonnet-4-5", "max_tokens": 4096, "messages": [{"role": "user", "content": "Hi"}]}
                """));
    }
}
