package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code ollama} provider type: a local Ollama server at {@code http://localhost:11434/v1}; no key
 * needed.
 *
 * <pre>{@code
 * providers:
 *   - { name: local, type: ollama, models: [llama3.2] }
 * }</pre>
 */
@Extension
public class OllamaAdapter extends PresetAdapter {

    public OllamaAdapter() {
        super(Preset.OLLAMA);
    }
}
