package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code openai} provider type: OpenAI itself and every upstream that speaks OpenAI's Chat
 * Completions and Embeddings API (vLLM, Ollama, LM Studio, llama.cpp, OpenRouter, Groq, …), chosen
 * by {@code base_url}. Requests go out as they are and answers come back as the upstream's own
 * bytes; the preset types ({@code mistral}, {@code groq}, …) add their upstream's defaults and
 * quirks.
 *
 * <pre>{@code
 * providers:
 *   - { name: openai, type: openai, api_key: ${OPENAI_API_KEY} }
 *   - { name: local, type: openai, base_url: http://localhost:11434/v1, models: [llama3.2] }
 * }</pre>
 */
@Extension
public class OpenAiAdapter extends PresetAdapter {

    public OpenAiAdapter() {
        super(Preset.OPENAI);
    }
}
