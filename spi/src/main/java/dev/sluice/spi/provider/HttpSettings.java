package dev.sluice.spi.provider;

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
 * The settings every HTTP provider entry shares, read and checked once at configuration load:
 * {@code base_url}, {@code api_key} (or a pool {@code api_keys} with {@code key_cooldown}), {@code headers}, {@code connect_timeout},
 * {@code read_timeout}, {@code max_connections}, {@code idle_timeout} and {@code models}. A provider plugin reads
 * these first and then its own keys:
 * <pre>{@code
 * HttpSettings http = HttpSettings.read(settings, "https://api.anthropic.com");
 * String version = settings.string("anthropic_version").orElse("2023-06-01");
 * }</pre>
 *
 * @param baseUrl the API root without a trailing slash
 * @param apiKey the provider's (first) key, if any
 * @param keys every key: {@code api_key}, or the pool {@code api_keys} that {@link KeyRing} rotates
 * @param keyCooldown how long a key rests after a 429 without {@code Retry-After} ({@code key_cooldown})
 * @param headers extra headers sent with every request (they override the provider's defaults)
 * @param options how the HTTP client connects
 * @param models the model names listed in {@code /v1/models}
 */
public record HttpSettings(URI baseUrl, Optional<String> apiKey, List<String> keys, Duration keyCooldown,
        Map<String, String> headers, UpstreamOptions options, List<String> models) {

    /** How long a rate-limited key rests when the upstream names no time. */
    public static final Duration DEFAULT_KEY_COOLDOWN = Duration.ofSeconds(60);

    /** Headers the HTTP client owns; setting them by hand would corrupt the framing. */
    private static final Set<String> CLIENT_HEADERS = Set.of("content-length", "transfer-encoding", "host",
            "connection");

    public HttpSettings {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(sorted);
        models = List.copyOf(models);
        keys = List.copyOf(keys);
    }

    /**
     * Reads the shared keys.
     *
     * @param settings the provider entry's settings
     * @param defaultBaseUrl the base URL when none is configured, or {@code null} when
     *     {@code base_url} is required
     */
    public static HttpSettings read(Settings settings, String defaultBaseUrl) {
        URI baseUrl = baseUrl(settings, defaultBaseUrl);
        Optional<String> apiKey = settings.string("api_key").filter(s -> !s.isBlank());
        List<String> pool = settings.strings("api_keys").stream().filter(s -> !s.isBlank()).distinct().toList();
        if (apiKey.isPresent() && !pool.isEmpty()) {
            throw settings.error("api_keys", "set either api_key or api_keys, not both");
        }
        List<String> keys = pool.isEmpty() ? apiKey.stream().toList() : pool;
        Duration keyCooldown = positive(settings, "key_cooldown",
                settings.duration("key_cooldown").orElse(DEFAULT_KEY_COOLDOWN));
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
        Duration idle = positive(settings, "idle_timeout",
                settings.duration("idle_timeout").orElse(UpstreamOptions.DEFAULTS.idleTimeout()));
        List<String> models = settings.strings("models");
        return new HttpSettings(baseUrl, keys.stream().findFirst(), keys, keyCooldown, headers,
                new UpstreamOptions(connect, read, maxConnections, idle), models);
    }

    /**
     * Values that must never appear in an error message: the key, and every extra header value,
     * since that is where gateways and vendors put their tokens.
     */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(headers.values());
        secrets.addAll(keys);
        return secrets;
    }

    /** The base URL with a path appended ({@code "/messages"}). */
    public URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    /**
     * The request headers: the provider's defaults, then the configured extra headers, which
     * win. Keys compare case-insensitively.
     */
    public Map<String, String> headersOver(Map<String, String> defaults) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(defaults);
        all.putAll(headers);
        return java.util.Collections.unmodifiableMap(all);
    }

    private static URI baseUrl(Settings settings, String defaultBaseUrl) {
        Optional<String> configured = settings.string("base_url").map(String::trim);
        if (configured.isEmpty() && defaultBaseUrl == null) {
            throw settings.error("base_url", "is required for this provider type");
        }
        String text = configured.orElse(defaultBaseUrl);
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
        throw settings.error("base_url", "expected an http:// or https:// URL without query"
                + (defaultBaseUrl == null ? "" : ", such as " + defaultBaseUrl));
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
