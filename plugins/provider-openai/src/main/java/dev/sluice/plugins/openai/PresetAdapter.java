package dev.sluice.plugins.openai;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.config.Settings;

/**
 * The adapter of one of this plugin's types. PF4J needs a class per extension, so each type is a
 * thin {@code @Extension} subclass naming its {@link Preset}.
 */
abstract class PresetAdapter implements ProviderAdapter {
    private final Preset preset;

    PresetAdapter(Preset preset) {
        this.preset = preset;
    }

    @Override
    public String name() {
        return preset.type();
    }

    @Override
    public Provider create(String name, Settings settings, GatewayContext context) {
        OpenAiConfig config = OpenAiConfig.read(settings, preset);
        return new OpenAiProvider(name, config, context.http(config.options()), context.clock());
    }
}
