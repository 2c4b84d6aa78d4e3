package dev.sluice.plugins.anthropic;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.config.Settings;
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
public class AnthropicAdapter implements ProviderAdapter {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public Provider create(String name, Settings settings, GatewayContext context) {
        AnthropicConfig config = AnthropicConfig.read(settings);
        return new AnthropicProvider(name, config, context.http(config.http().options()), context.clock());
    }
}
