package dev.sluice.plugins.gemini;

import dev.sluice.spi.provider.ProviderType;
import org.pf4j.Extension;

/**
 * The {@code gemini} provider type: Google's Gemini API (the Generative Language API), with chat
 * completions translated to {@code generateContent} / {@code streamGenerateContent} and embeddings
 * to {@code embedContent} / {@code batchEmbedContents}.
 *
 * <pre>{@code
 * providers:
 *   - { name: gemini, type: gemini, api_key: ${GEMINI_API_KEY}, models: [gemini-2.5-flash] }
 * }</pre>
 */
@Extension
public class GeminiAdapter extends ProviderType {

    public GeminiAdapter() {
        super("gemini",
                (name, settings, context) -> new GeminiProvider(name, GeminiConfig.read(settings), context, Ids.random()));
    }
}
