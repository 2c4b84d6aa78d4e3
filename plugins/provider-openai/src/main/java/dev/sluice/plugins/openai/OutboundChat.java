package dev.sluice.plugins.openai;

import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.StreamOptions;
import java.util.Map;

/**
 * The chat request as it goes upstream: the client's request with the stream flags set by how
 * this provider is called, whatever the client sent.
 */
final class OutboundChat {

    private OutboundChat() {
    }

    /**
     * For a complete answer: no {@code stream} and no {@code stream_options}, which OpenAI
     * rejects without {@code stream: true}.
     */
    static ChatRequest complete(ChatRequest request) {
        if (request.stream() == null && request.streamOptions() == null) {
            return request;
        }
        return withStream(request, null, null);
    }

    /**
     * For a streamed answer: {@code stream: true}, and, when {@code usage} is set, always
     * {@code include_usage} so that the gateway learns the usage even when the client did not ask
     * (the kernel drops the usage chunk for such clients).
     */
    static ChatRequest streamed(ChatRequest request, boolean usage) {
        StreamOptions options = request.streamOptions();
        if (usage) {
            options = new StreamOptions(Boolean.TRUE, options == null ? Map.of() : options.extra());
        }
        return withStream(request, Boolean.TRUE, options);
    }

    private static ChatRequest withStream(ChatRequest r, Boolean stream, StreamOptions options) {
        return r.withStream(stream).withStreamOptions(options);
    }
}
