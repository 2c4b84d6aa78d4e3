package dev.sluice.plugins.gemini;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.config.Settings;
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
public class GeminiAdapter implements ProviderAdapter {

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public Provider create(String name, Settings settings, GatewayContext context) {
        GeminiConfig config = GeminiConfig.read(settings);
        return new GeminiProvider(name, config, context.http(config.http().options()), context.clock(),
                Ids.random());
    }
}
