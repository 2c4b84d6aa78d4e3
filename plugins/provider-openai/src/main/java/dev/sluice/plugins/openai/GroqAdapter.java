package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code groq} provider type: GroqCloud at {@code https://api.groq.com/openai/v1}; requests Groq
 * cannot serve ({@code n > 1}, log probabilities) are refused before any call.
 *
 * <pre>{@code
 * providers:
 *   - { name: groq, type: groq, api_key: ${GROQ_API_KEY} }
 * }</pre>
 */
@Extension
public class GroqAdapter extends PresetAdapter {

    public GroqAdapter() {
        super(Preset.GROQ);
    }
}
