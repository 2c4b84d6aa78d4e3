package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at Sluice by changing only its base URL and key. */
class OpenAiSdkTest {
    private static RunningGateway gateway;
    private static OpenAIClient openai;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start("""
                providers: [{ name: mock, type: mock }]
                models:
                  - { name: mock-echo, targets: [{ provider: mock, model: mock-echo }] }
                """);
        openai = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey("sk-anything").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        openai.close();
        gateway.close();
    }

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder().model("mock-echo").addUserMessage(text).build();
    }

    @Test
    void theSdkGetsAChatCompletion() {
        ChatCompletion completion = openai.chat().completions().create(ask("hello from the SDK"));

        assertThat(completion.choices().get(0).message().content()).contains("hello from the SDK");
        assertThat(completion.usage()).isPresent();
    }

    @Test
    void theSdkStreamsAChatCompletion() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ask("streamed through the gateway"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("streamed through the gateway");
    }

    @Test
    void theSdkGetsEmbeddingsInItsDefaultBase64Encoding() {
        CreateEmbeddingResponse response = openai.embeddings().create(EmbeddingCreateParams.builder()
                .model("mock-echo").input("embed me").build());

        assertThat(response.data()).hasSize(1);
        assertThat(response.data().get(0).embedding()).isNotEmpty();
    }

    @Test
    void theSdkSeesAnUnknownModelAsNotFound() {
        assertThatThrownBy(() -> openai.chat().completions().create(
                ChatCompletionCreateParams.builder().model("nope").addUserMessage("x").build()))
                .isInstanceOf(NotFoundException.class);
    }
}
