package dev.sluice.plugins.openai;

import dev.sluice.spi.Caller;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The adapter of each type, and what the tests of providers built from them share. */
final class Adapters {
    static final String KEY = "sk-test-7f3a9c1e5b2d4f6a8c0e";

    private Adapters() {
    }

    /** The {@code @Extension} class that serves a preset. */
    static PresetAdapter of(Preset preset) {
        return switch (preset) {
            case OPENAI -> new OpenAiAdapter();
            case MISTRAL -> new MistralAdapter();
            case GROQ -> new GroqAdapter();
            case TOGETHER -> new TogetherAdapter();
            case DEEPSEEK -> new DeepSeekAdapter();
            case FIREWORKS -> new FireworksAdapter();
            case OPENROUTER -> new OpenRouterAdapter();
            case OLLAMA -> new OllamaAdapter();
            case VLLM -> new VllmAdapter();
        };
    }

    static ChatRequest hello(boolean stream) {
        ChatRequest request = ChatRequest.of("the-model", List.of(Message.of("user", "Hello")));
        return stream ? request.withStream(Boolean.TRUE) : request;
    }

    static Exchange exchange(ChatRequest request) {
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                name -> Optional.empty(), FixedContext.NOW, 0);
    }

    static List<ChatChunk> readAll(ChunkStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        try (stream) {
            for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                chunks.add(chunk.get());
            }
        }
        return chunks;
    }

    static String settings(Map<String, String> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        return json.append('}').toString();
    }
}
