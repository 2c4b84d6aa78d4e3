package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code fireworks} provider type: Fireworks AI at {@code https://api.fireworks.ai/inference/v1}.
 *
 * <pre>{@code
 * providers:
 *   - { name: fireworks, type: fireworks, api_key: ${FIREWORKS_API_KEY} }
 * }</pre>
 */
@Extension
public class FireworksAdapter extends PresetAdapter {

    public FireworksAdapter() {
        super(Preset.FIREWORKS);
    }
}
