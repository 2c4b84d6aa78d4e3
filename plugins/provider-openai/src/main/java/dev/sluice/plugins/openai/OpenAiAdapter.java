package dev.sluice.plugins.openai;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.config.Settings;
import org.pf4j.Extension;

/**
 * The {@code openai} provider type: OpenAI itself and every upstream that speaks OpenAI's Chat
 * Completions and Embeddings API (vLLM, Ollama, LM Studio, llama.cpp, OpenRouter, Groq, …), chosen
 * by {@code base_url}.
 *
 * <pre>{@code
 * providers:
 *   - { name: openai, type: openai, api_key: ${OPENAI_API_KEY} }
 *   - { name: local, type: openai, base_url: http://localhost:11434/v1, models: [llama3.2] }
 * }</pre>
 */
@Extension
public class OpenAiAdapter implements ProviderAdapter {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Provider create(String name, Settings settings, GatewayContext context) {
        OpenAiConfig config = OpenAiConfig.read(settings);
        return new OpenAiProvider(name, config, context.http(config.options()), context.clock());
    }
}
