package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code together} provider type: Together AI at {@code https://api.together.xyz/v1}.
 *
 * <pre>{@code
 * providers:
 *   - { name: together, type: together, api_key: ${TOGETHER_API_KEY} }
 * }</pre>
 */
@Extension
public class TogetherAdapter extends PresetAdapter {

    public TogetherAdapter() {
        super(Preset.TOGETHER);
    }
}
