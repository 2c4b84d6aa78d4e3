package dev.sluice.plugins.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.testkit.replay.Replay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Golden files: a canonical request goes to Azure as it is, apart from the deployment as
 * {@code model} and the stream flags (sources in {@code azure/README.md}).
 */
class AzureBodiesTest {

    private static ChatRequest canonical() throws IOException {
        return Json.read(Replay.text("azure/canonical-request.json"), ChatRequest.class);
    }

    private static JsonNode sent(ChatRequest request) throws IOException {
        return Json.tree(Json.bytes(request));
    }

    @Test
    void streamedRequestCarriesTheDeploymentAndAsksForUsage() throws IOException {
        JsonNode expected = Json.tree(Replay.text("azure/upstream-request.json").getBytes(StandardCharsets.UTF_8));

        assertThat(sent(AzureBodies.streamed(canonical(), "gpt4o-prod", true))).isEqualTo(expected);
    }

    @Test
    void completeRequestHasNoStreamFields() throws IOException {
        JsonNode body = sent(AzureBodies.complete(canonical(), "gpt4o-prod"));

        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.get("model").asText()).isEqualTo("gpt4o-prod");
    }

    @Test
    void streamUsageOffLeavesTheClientsStreamOptionsAlone() throws IOException {
        JsonNode body = sent(AzureBodies.streamed(canonical(), "gpt4o-prod", false));

        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void toolHistoryKeepsOpenAiIdsAndArguments() throws IOException {
        JsonNode messages = sent(AzureBodies.complete(canonical(), "d")).get("messages");

        assertThat(messages.get(2).get("tool_calls").get(0).get("id").asText()).isEqualTo("call_Wq3nVb7KzR1xYp0LmT5cHd2A");
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_Wq3nVb7KzR1xYp0LmT5cHd2A");
    }
}
