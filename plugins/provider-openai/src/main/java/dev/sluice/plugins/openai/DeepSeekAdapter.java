package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code deepseek} provider type: DeepSeek at {@code https://api.deepseek.com}; its
 * {@code reasoning_content} deltas are relayed as they are.
 *
 * <pre>{@code
 * providers:
 *   - { name: deepseek, type: deepseek, api_key: ${DEEPSEEK_API_KEY} }
 * }</pre>
 */
@Extension
public class DeepSeekAdapter extends PresetAdapter {

    public DeepSeekAdapter() {
        super(Preset.DEEPSEEK);
    }
}
