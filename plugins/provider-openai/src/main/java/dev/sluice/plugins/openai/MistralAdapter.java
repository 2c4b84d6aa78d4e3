package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code mistral} provider type: Mistral's La Plateforme at {@code https://api.mistral.ai/v1}, with
 * requests trimmed to the fields Mistral accepts.
 *
 * <pre>{@code
 * providers:
 *   - { name: mistral, type: mistral, api_key: ${MISTRAL_API_KEY} }
 * }</pre>
 */
@Extension
public class MistralAdapter extends PresetAdapter {

    public MistralAdapter() {
        super(Preset.MISTRAL);
    }
}
