package dev.sluice.plugins.openai;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

    /** Headers the HTTP client owns; setting them by hand would corrupt the framing. */
    private static final Set<String> CLIENT_HEADERS = Set.of("content-length", "transfer-encoding", "host",
            "connection");

    OpenAiConfig {
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
    }

    /** Reads every accepted key; anything else stays unread and is reported by the kernel. */
    static OpenAiConfig read(Settings settings) {
        URI baseUrl = baseUrl(settings);
        Optional<String> apiKey = settings.string("api_key").filter(s -> !s.isBlank());
        Optional<String> organization = settings.string("organization").filter(s -> !s.isBlank());
        Map<String, String> headers = extraHeaders(settings);
        Duration connect = positive(settings, "connect_timeout",
                settings.duration("connect_timeout").orElse(UpstreamOptions.DEFAULTS.connectTimeout()));
        Duration read = positive(settings, "read_timeout",
                settings.duration("read_timeout").orElse(UpstreamOptions.DEFAULTS.readTimeout()));
        int maxConnections = settings.integer("max_connections")
                .orElse(UpstreamOptions.DEFAULTS.maxConnectionsPerHost());
        if (maxConnections < 1) {
            throw settings.error("max_connections", "must be at least 1");
        }
        boolean streamUsage = settings.bool("stream_usage").orElse(true);
        List<String> models = settings.strings("models");
        return new OpenAiConfig(baseUrl, apiKey, organization, headers,
                new UpstreamOptions(connect, read, maxConnections), streamUsage, models);
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

    private static URI baseUrl(Settings settings) {
        String text = settings.string("base_url").map(String::trim).orElse(DEFAULT_BASE_URL);
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below; the value itself stays out of the message as it may carry credentials
        }
        throw settings.error("base_url", "expected an http:// or https:// URL without query, such as "
                + DEFAULT_BASE_URL);
    }

    private static Map<String, String> extraHeaders(Settings settings) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        settings.child("headers").ifPresent(child -> {
            for (String name : child.keys()) {
                if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw child.error(name, "is set by the HTTP client and cannot be configured");
                }
                headers.put(name, child.string(name).orElse(""));
            }
        });
        return headers;
    }

    private static Duration positive(Settings settings, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw settings.error(key, "must be longer than 0");
        }
        return value;
    }
}
