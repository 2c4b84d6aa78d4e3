package dev.sluice.plugins.cohere;

import dev.sluice.spi.provider.ProviderType;
import org.pf4j.Extension;

/**
 * The {@code cohere} provider type: Cohere's v2 Chat API ({@code /v2/chat}, complete and
 * streamed, with tools, images, JSON output and documents) and Embed API ({@code /v2/embed}),
 * spoken to as OpenAI's Chat Completions and Embeddings.
 *
 * <pre>{@code
 * providers:
 *   - { name: cohere, type: cohere, api_key: ${COHERE_API_KEY}, models: [command-a-03-2025] }
 * }</pre>
 */
@Extension
public class CohereAdapter extends ProviderType {

    public CohereAdapter() {
        super("cohere", (name, settings, context) -> new CohereProvider(name, CohereConfig.read(settings), context));
    }
}
