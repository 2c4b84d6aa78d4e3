package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code openrouter} provider type: OpenRouter at {@code https://openrouter.ai/api/v1}, with optional
 * app attribution ({@code site_url}, {@code app_name}).
 *
 * <pre>{@code
 * providers:
 *   - { name: openrouter, type: openrouter, api_key: ${OPENROUTER_API_KEY}, app_name: Acme Chat }
 * }</pre>
 */
@Extension
public class OpenRouterAdapter extends PresetAdapter {

    public OpenRouterAdapter() {
        super(Preset.OPENROUTER);
    }
}
