package dev.sluice.plugins.openai;

import dev.sluice.spi.provider.ProviderType;

/**
 * The adapter of one of this plugin's types. PF4J needs a class per extension, so each type is a
 * thin {@code @Extension} subclass naming its {@link Preset}.
 */
abstract class PresetAdapter extends ProviderType {

    PresetAdapter(Preset preset) {
        super(preset.type(),
                (name, settings, context) -> new OpenAiProvider(name, OpenAiConfig.read(settings, preset), context));
    }
}
