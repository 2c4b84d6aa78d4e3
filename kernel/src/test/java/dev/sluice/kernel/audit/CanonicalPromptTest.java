package dev.sluice.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.json.Canonical;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import org.junit.jupiter.api.Test;

class CanonicalPromptTest {

    private static ChatRequest chat(String json) throws Exception {
        return Json.read(json, ChatRequest.class);
    }

    @Test
    void keyOrderAndWhitespaceDoNotChangeThePrompt() throws Exception {
        String a = CanonicalPrompt.of(chat("""
                {"model":"m","messages":[{"role":"user","content":"hi"}]}"""));
        String b = CanonicalPrompt.of(chat("""
                { "messages" : [ { "content" : "hi", "role" : "user" } ], "model" : "m", "temperature": 0 }"""));

        assertThat(a).isEqualTo(b).isEqualTo("[{\"content\":\"hi\",\"role\":\"user\"}]");
        assertThat(Canonical.sha256(a)).hasSize(64).isEqualTo(Canonical.sha256(b));
    }

    @Test
    void anotherMessageIsAnotherPrompt() throws Exception {
        assertThat(CanonicalPrompt.of(chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")))
                .isNotEqualTo(CanonicalPrompt.of(chat(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi!\"}]}")));
    }

    @Test
    void anEmbeddingsPromptIsItsInput() throws Exception {
        EmbeddingRequest request = Json.read("{\"model\":\"e\",\"input\":[\"a\",\"b\"]}", EmbeddingRequest.class);

        assertThat(CanonicalPrompt.of(request)).isEqualTo("[\"a\",\"b\"]");
    }
}
