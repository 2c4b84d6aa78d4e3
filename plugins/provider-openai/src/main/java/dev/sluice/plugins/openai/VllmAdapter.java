package dev.sluice.plugins.openai;

import org.pf4j.Extension;

/**
 * The {@code vllm} provider type: a vLLM server at {@code http://localhost:8000/v1}; a key only when
 * the server was started with one.
 *
 * <pre>{@code
 * providers:
 *   - { name: vllm, type: vllm, base_url: "http://gpu-1:8000/v1" }
 * }</pre>
 */
@Extension
public class VllmAdapter extends PresetAdapter {

    public VllmAdapter() {
        super(Preset.VLLM);
    }
}
