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
 * The settings of one {@code openai} provider entry, read and checked once at configuration load.
 *
 * @param baseUrl the API root without a trailing slash, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the key sent as {@code Authorization: Bearer}, if any
 * @param organization the {@code OpenAI-Organization} header, if any
 * @param headers extra headers sent with every request (may override the defaults)
 * @param options how the HTTP client connects
 * @param streamUsage whether streams always ask the upstream for a usage chunk
 * @param models the model names listed in {@code /v1/models}
 */
record OpenAiConfig(URI baseUrl, Optional<String> apiKey, Optional<String> organization,
        Map<String, String> headers, UpstreamOptions options, boolean streamUsage, List<String> models) {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    OpenAiConfig {
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
    }

    /** Reads every accepted key; anything else stays unread and is reported by the kernel. */
    static OpenAiConfig read(Settings settings) {
        HttpSettings http = HttpSettings.read(settings, DEFAULT_BASE_URL);
        Optional<String> organization = settings.string("organization").filter(s -> !s.isBlank());
        boolean streamUsage = settings.bool("stream_usage").orElse(true);
        return new OpenAiConfig(http.baseUrl(), http.apiKey(), organization, http.headers(), http.options(),
                streamUsage, http.models());
    }

    /**
     * Values that must never appear in an error message: the key, and every extra header value,
     * since those are how other vendors (Azure's {@code api-key}, gateways' tokens) carry secrets.
     */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(headers.values());
        apiKey.ifPresent(secrets::add);
        return secrets;
    }
}
