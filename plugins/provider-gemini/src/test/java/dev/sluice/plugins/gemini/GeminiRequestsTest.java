package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.model.ChatRequest;
import org.junit.jupiter.api.Test;

/** Canonical (OpenAI) requests → Gemini {@code generateContent} bodies. */
class GeminiRequestsTest {

    private static JsonNode translate(String name) {
        return Fixtures.written(GeminiRequests.generateContent(Fixtures.read("requests/" + name, ChatRequest.class)));
    }

    private static JsonNode translateJson(String json) {
        return Fixtures.written(GeminiRequests.generateContent(read(json)));
    }

    private static ChatRequest read(String json) {
        return Fixtures.parse(json, ChatRequest.class);
    }

    private static String user(String extra) {
        return "{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]"
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void toolConversationFromAnotherProviderTranslatesToFunctionCallsAndResponses() {
        assertThat(translate("tool-conversation.openai.json"))
                .isEqualTo(Fixtures.json("requests/tool-conversation.gemini.json"));
    }

    @Test
    void mediaPartsAndSamplingFieldsTranslateToInlineDataFileDataAndGenerationConfig() {
        assertThat(translate("media-and-sampling.openai.json"))
                .isEqualTo(Fixtures.json("requests/media-and-sampling.gemini.json"));
    }

    @Test
    void gemini3ConversationKeepsSignaturesAndMarksUnsignedCalls() {
        assertThat(translate("switch-to-gemini-3.openai.json"))
                .isEqualTo(Fixtures.json("requests/switch-to-gemini-3.gemini.json"));
    }

    @Test
    void unsignedCallsToOlderModelsGetNoPlaceholder() {
        String json = "{\"model\": \"gemini-2.5-pro\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
                + " {\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\","
                + " \"function\": {\"name\": \"f\", \"arguments\": \"{}\"}}]}]}";

        assertThat(translateJson(json).at("/contents/1/parts/0").has("thoughtSignature")).isFalse();
    }

    @Test
    void placeholderGoesOnTheFirstOfParallelUnsignedCallsOnly() {
        String json = "{\"model\": \"gemini-3-flash-preview\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
                + " {\"role\": \"assistant\", \"tool_calls\": ["
                + "{\"id\": \"a\", \"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\": \"{}\"}},"
                + "{\"id\": \"b\", \"type\": \"function\", \"function\": {\"name\": \"g\", \"arguments\": \"{}\"}}]}]}";

        JsonNode parts = translateJson(json).at("/contents/1/parts");

        assertThat(parts.get(0).path("thoughtSignature").asText()).isEqualTo(ThoughtSignatures.UNSIGNED);
        assertThat(parts.get(1).has("thoughtSignature")).isFalse();
    }

    @Test
    void plainTextRequestHasNoOptionalSections() {
        JsonNode body = translateJson(user(""));

        assertThat(body).isEqualTo(Fixtures.tree("{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}]}"));
    }

    @Test
    void singleStopStringBecomesAListOfOne() {
        assertThat(translateJson(user("\"stop\": \"END\"")).at("/generationConfig/stopSequences"))
                .isEqualTo(Fixtures.tree("[\"END\"]"));
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() {
        JsonNode body = translateJson(user("\"max_tokens\": 100, \"max_completion_tokens\": 200"));

        assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(200);
    }

    @Test
    void oneChoiceSendsNoCandidateCount() {
        assertThat(translateJson(user("\"n\": 1")).has("generationConfig")).isFalse();
    }

    @Test
    void toolChoiceNoneAndRequiredBecomeNoneAndAny() {
        String tools = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]";

        assertThat(translateJson(user(tools + ", \"tool_choice\": \"none\"")).at("/toolConfig/functionCallingConfig/mode")
                .asText()).isEqualTo("NONE");
        assertThat(translateJson(user(tools + ", \"tool_choice\": \"required\"")).at("/toolConfig/functionCallingConfig/mode")
                .asText()).isEqualTo("ANY");
    }

    @Test
    void toolChoiceWithoutToolsIsLeftOut() {
        assertThat(translateJson(user("\"tool_choice\": \"required\"")).has("toolConfig")).isFalse();
    }

    @Test
    void functionWithoutParametersDeclaresNoSchema() {
        JsonNode declaration = translateJson(user("\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"now\"}}]"))
                .at("/tools/0/functionDeclarations/0");

        assertThat(declaration).isEqualTo(Fixtures.tree("{\"name\": \"now\"}"));
    }

    @Test
    void textResponseFormatSendsNothing() {
        assertThat(translateJson(user("\"response_format\": {\"type\": \"text\"}")).has("generationConfig")).isFalse();
    }

    @Test
    void consecutiveUserMessagesMergeIntoOneTurn() {
        String json = "{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"One\"},"
                + " {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Two\"}]}]}";

        assertThat(translateJson(json).get("contents")).isEqualTo(Fixtures.tree(
                "[{\"role\": \"user\", \"parts\": [{\"text\": \"One\"}, {\"text\": \"Two\"}]}]"));
    }

    @Test
    void legacyFunctionMessageAnswersByName() {
        String json = "{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"Time?\"},"
                + " {\"role\": \"function\", \"name\": \"now\", \"content\": \"{\\\"time\\\": \\\"12:00\\\"}\"}]}";

        assertThat(translateJson(json).at("/contents/0/parts/1")).isEqualTo(Fixtures.tree(
                "{\"functionResponse\": {\"name\": \"now\", \"response\": {\"time\": \"12:00\"}}}"));
    }

    @Test
    void emptyAssistantMessageIsSkipped() {
        String json = "{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"A\"},"
                + " {\"role\": \"assistant\", \"content\": \"\"}, {\"role\": \"user\", \"content\": \"B\"}]}";

        assertThat(translateJson(json).get("contents")).isEqualTo(Fixtures.tree(
                "[{\"role\": \"user\", \"parts\": [{\"text\": \"A\"}, {\"text\": \"B\"}]}]"));
    }

    @Test
    void emptyTextIsLeftOut() {
        String json = "{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"system\", \"content\": \"\"},"
                + " {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"\"}, {\"type\": \"text\", \"text\": \"A\"}]},"
                + " {\"role\": \"user\", \"content\": \"\"}]}";

        assertThat(translateJson(json)).isEqualTo(Fixtures.tree(
                "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"A\"}]}]}"));
    }

    @Test
    void toolResultForAnUnknownCallIsRefused() {
        String json = "{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
                + " {\"role\": \"tool\", \"tool_call_id\": \"call_missing\", \"content\": \"42\"}]}";

        assertInvalid(json, "messages[1].tool_call_id", "call_missing");
    }

    @Test
    void unknownRoleIsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"critic\", \"content\": \"Hi\"}]}",
                "messages[0].role", "critic");
    }

    @Test
    void conversationOfOnlySystemMessagesIsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"system\", \"content\": \"Be brief\"}]}",
                "messages", "at least one user or assistant message");
    }

    @Test
    void imageInASystemMessageIsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"system\", \"content\": [{\"type\": \"image_url\","
                + " \"image_url\": {\"url\": \"https://example.com/a.png\"}}]}, {\"role\": \"user\", \"content\": \"Hi\"}]}",
                "messages[0].content[0]", "only text parts");
    }

    @Test
    void imageUrlThatIsNeitherHttpNorDataIsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
                + " \"image_url\": {\"url\": \"file:///etc/passwd\"}}]}]}", "messages[0].content[0]", "http(s) URL");
    }

    @Test
    void dataUrlThatIsNotBase64IsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
                + " \"image_url\": {\"url\": \"data:image/svg+xml,<svg/>\"}}]}]}", "messages[0].content[0]", "base64");
    }

    @Test
    void uploadedFileIdIsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"file\","
                + " \"file\": {\"file_id\": \"file-abc\"}}]}]}", "messages[0].content[0]", "file_data");
    }

    @Test
    void unknownContentPartTypeIsRefused() {
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video_url\"}]}]}",
                "messages[0].content[0]", "video_url");
    }

    @Test
    void nonFunctionToolIsRefused() {
        assertInvalid(user("\"tools\": [{\"type\": \"custom\", \"custom\": {\"name\": \"grammar\"}}]"), "tools[0]",
                "function tools only");
    }

    @Test
    void unknownToolChoiceIsRefused() {
        assertInvalid(user("\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": \"any\""),
                "tool_choice", "any");
    }

    @Test
    void unknownResponseFormatIsRefused() {
        assertInvalid(user("\"response_format\": {\"type\": \"xml\"}"), "response_format.type", "xml");
    }

    private static void assertInvalid(String json, String param, String message) {
        ChatRequest request = read(json);
        assertThatThrownBy(() -> GeminiRequests.generateContent(request)).isInstanceOf(GatewayException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST))
                .satisfies(e -> assertThat(((GatewayException) e).param()).contains(param));
    }
}
