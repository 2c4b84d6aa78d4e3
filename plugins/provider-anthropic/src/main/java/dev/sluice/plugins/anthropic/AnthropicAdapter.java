package dev.sluice.plugins.anthropic;

import dev.sluice.spi.provider.ProviderType;
import org.pf4j.Extension;

/**
 * The {@code anthropic} provider type: Anthropic's Messages API, complete and streamed answers,
 * tools, images and prompt caching included. Requests in OpenAI's format are translated;
 * requests that arrived in Anthropic's own format go out as the client sent them.
 *
 * <pre>{@code
 * providers:
 *   - { name: anthropic, type: anthropic, api_key: ${ANTHROPIC_API_KEY}, models: [claude-sonnet-4-5] }
 * }</pre>
 */
@Extension
public class AnthropicAdapter extends ProviderType {

    public AnthropicAdapter() {
        super("anthropic",
                (name, settings, context) -> new AnthropicProvider(name, AnthropicConfig.read(settings), context));
    }
}
