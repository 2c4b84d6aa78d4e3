package dev.sluice.plugins.openai;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.provider.HttpSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one provider entry of this plugin's types, read and checked once at
 * configuration load.
 *
 * @param preset the provider type
 * @param baseUrl the API root without a trailing slash, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the key sent as {@code Authorization: Bearer}, if any
 * @param organization the {@code OpenAI-Organization} header, if any ({@code openai} only)
 * @param headers extra headers sent with every request (may override the defaults)
 * @param typeHeaders the type's own headers from its own settings (OpenRouter's attribution)
 * @param options how the HTTP client connects
 * @param streamUsage whether streams always ask the upstream for a usage chunk
 * @param models the model names listed in {@code /v1/models}
 * @param http the shared settings as read, for the key pool ({@code api_keys}, {@code key_cooldown})
 */
record OpenAiConfig(Preset preset, URI baseUrl, Optional<String> apiKey, Optional<String> organization,
        Map<String, String> headers, Map<String, String> typeHeaders, UpstreamOptions options, boolean streamUsage,
        List<String> models, HttpSettings http) {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    OpenAiConfig {
        headers = Map.copyOf(headers);
        typeHeaders = Map.copyOf(typeHeaders);
        models = List.copyOf(models);
    }

    /** The settings of an {@code openai} entry. */
    static OpenAiConfig read(Settings settings) {
        return read(settings, Preset.OPENAI);
    }

    /** Reads every key the type accepts; anything else stays unread and is reported by the kernel. */
    static OpenAiConfig read(Settings settings, Preset preset) {
        HttpSettings http = HttpSettings.read(settings, preset.defaultBaseUrl());
        if (preset.requiresKey() && http.apiKey().isEmpty() && !http.headers().containsKey("Authorization")) {
            throw settings.error("api_key", "is required for provider type " + preset.type());
        }
        Optional<String> organization = preset.takesOrganization()
                ? settings.string("organization").filter(s -> !s.isBlank()) : Optional.empty();
        boolean streamUsage = settings.bool("stream_usage").orElse(true);
        return new OpenAiConfig(preset, http.baseUrl(), http.apiKey(), organization, http.headers(),
                preset.headers(settings), http.options(), streamUsage, http.models(), http);
    }

    /**
     * Values that must never appear in an error message: the key, and every extra header value,
     * since those are how other vendors (Azure's {@code api-key}, gateways' tokens) carry secrets.
     */
    List<String> secrets() {
        return http.secrets();
    }
}
