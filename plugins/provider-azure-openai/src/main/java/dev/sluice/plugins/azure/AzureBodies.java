package dev.sluice.plugins.azure;

import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.StreamOptions;
import java.util.Map;

/**
 * Chat requests as they go to Azure: the client's request, with the deployment as {@code model}
 * and the {@code stream} flags set by how the provider is called. Everything else goes out as the
 * client sent it: Azure reads OpenAI's format (and answers 400 {@code Unrecognized request
 * argument supplied} for fields the configured {@code api_version} does not know).
 */
final class AzureBodies {

    private AzureBodies() {
    }

    /** For a complete answer: no {@code stream} and no {@code stream_options}. */
    static ChatRequest complete(ChatRequest request, String deployment) {
        return request.withModel(deployment).withStream(null).withStreamOptions(null);
    }

    /**
     * For a streamed answer: {@code stream: true}, and, when {@code usage} is set, always
     * {@code include_usage} so that the gateway learns the usage (the kernel drops the usage chunk
     * for clients that did not ask).
     */
    static ChatRequest streamed(ChatRequest request, String deployment, boolean usage) {
        StreamOptions options = request.streamOptions();
        if (usage) {
            options = new StreamOptions(Boolean.TRUE, options == null ? Map.of() : options.extra());
        }
        return request.withModel(deployment).withStream(Boolean.TRUE).withStreamOptions(options);
    }
}
