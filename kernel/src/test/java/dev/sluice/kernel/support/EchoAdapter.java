package dev.sluice.kernel.support;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.Usage;
import dev.sluice.spi.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A provider registered through {@code META-INF/services} (the class-path door): it answers with
 * the last message's text prefixed by its {@code prefix} setting, or fails when {@code fail_with}
 * is set.
 */
public class EchoAdapter implements ProviderAdapter {

    @Override
    public String name() {
        return "test-echo";
    }

    @Override
    public Provider create(String name, Settings settings, GatewayContext context) {
        String prefix = settings.string("prefix").orElse("");
        int failWith = settings.integer("fail_with").orElse(0);
        boolean recordJson = settings.bool("record_json").orElse(false);
        return new Provider() {
            @Override
            public String name() {
                return name;
            }

            private String answer(ChatRequest request) {
                if (failWith != 0) {
                    throw new UpstreamException(failWith, UpstreamException.isRetryableStatus(failWith),
                            "provider '" + name + "' answered HTTP " + failWith, null, null);
                }
                List<Message> messages = request.messagesOrEmpty();
                return prefix + messages.get(messages.size() - 1).text();
            }

            @Override
            public ChatResponse chat(ChatRequest request, Exchange exchange) {
                ChatResponse response = new ChatResponse("chatcmpl-echo", ChatResponse.OBJECT, 1, request.model(),
                        List.of(new Choice(0, Message.of("assistant", answer(request)), "stop", null, Map.of())),
                        Usage.of(1, 1), null, Map.of());
                if (recordJson) {
                    // As if parsed from an upstream that writes its JSON its own way.
                    exchange.answerJson(response, (" " + Json.string(response) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return response;
            }

            @Override
            public ChunkStream stream(ChatRequest request, Exchange exchange) {
                String text = answer(request);
                return ChunkStream.of(List.of(
                        chunk(request, new ChunkChoice(0, Message.of("assistant", text), null, null, Map.of()), null),
                        chunk(request, new ChunkChoice(0, new Message(null, null, null, null, null, null, Map.of()),
                                "stop", null, Map.of()), null),
                        chunk(request, null, Usage.of(1, 1))));
            }

            private ChatChunk chunk(ChatRequest request, ChunkChoice choice, Usage usage) {
                return new ChatChunk("chatcmpl-echo", ChatChunk.OBJECT, 1, request.model(),
                        choice == null ? List.of() : List.of(choice), usage, null, Map.of());
            }
        };
    }
}
