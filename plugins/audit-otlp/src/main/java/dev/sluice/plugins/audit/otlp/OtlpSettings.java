package dev.sluice.plugins.audit.otlp;

import dev.sluice.spi.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of one {@code otlp} sink entry, read and checked once at open.
 *
 * @param tracesUri where batches are posted: the endpoint with {@code /v1/traces}
 * @param headers extra request headers (an auth header, a tenant); values are never shown
 * @param serviceName the resource's {@code service.name}
 * @param timeout how long one export request may take; also the budget of {@code flush()} and
 *     of the final export at {@code close()}
 * @param batchSize the most spans one request carries (a record's spans always travel together)
 * @param exportInterval how long the first queued record may wait for its batch to fill
 * @param queueCapacity how many records wait for export before new ones are dropped
 * @param retry how failed exports are retried
 * @param protocol the body encoding
 * @param gzip whether bodies are gzip-compressed
 * @param providers how provider entry names become {@code gen_ai.provider.name}
 */
record OtlpSettings(URI tracesUri, Map<String, String> headers, String serviceName, Duration timeout,
        int batchSize, Duration exportInterval, int queueCapacity, RetryPolicy retry, OtlpProtocol protocol,
        boolean gzip, ProviderNames providers) {

    /** Every key an entry may have. */
    static final List<String> KEYS = List.of("endpoint", "headers", "service_name", "timeout", "batch_size",
            "export_interval", "queue_capacity", "protocol", "compression", "retry_max_attempts",
            "retry_initial_backoff", "retry_max_backoff", "provider_names");
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318";
    static final String TRACES_PATH = "/v1/traces";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the sink sets itself, or that the HTTP client owns. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-encoding", "content-length",
            "host", "connection", "expect", "upgrade", "transfer-encoding");

    OtlpSettings {
        headers = Map.copyOf(headers);
    }

    /** Reads every key of the entry; bad values are errors naming file, line and key. */
    static OtlpSettings read(Settings settings) {
        URI uri = tracesUri(settings);
        Map<String, String> headers = headers(settings);
        String serviceName = settings.string("service_name").filter(s -> !s.isBlank()).orElse("sluice");
        Duration timeout = positive(settings, "timeout", Duration.ofSeconds(10));
        int batchSize = atLeastOne(settings, "batch_size", 512);
        Duration interval = positive(settings, "export_interval", Duration.ofSeconds(1));
        int capacity = atLeastOne(settings, "queue_capacity", 20_000);
        RetryPolicy retry = new RetryPolicy(
                atLeastOne(settings, "retry_max_attempts", RetryPolicy.DEFAULTS.maxAttempts()),
                positive(settings, "retry_initial_backoff", RetryPolicy.DEFAULTS.initialBackoff()),
                positive(settings, "retry_max_backoff", RetryPolicy.DEFAULTS.maxBackoff()));
        OtlpProtocol protocol = settings.string("protocol").map(p -> OtlpProtocol.named(p)
                .orElseThrow(() -> settings.error("protocol",
                        "expected http/json or http/protobuf, got \"" + p + "\"")))
                .orElse(OtlpProtocol.JSON);
        boolean gzip = settings.string("compression").map(c -> switch (c.trim().toLowerCase(Locale.ROOT)) {
            case "gzip" -> true;
            case "none" -> false;
            default -> throw settings.error("compression", "expected none or gzip, got \"" + c + "\"");
        }).orElse(false);
        return new OtlpSettings(uri, headers, serviceName, timeout, batchSize, interval, capacity, retry, protocol,
                gzip, new ProviderNames(providerNames(settings)));
    }

    /** Never shows header values: they are credentials as often as not. */
    @Override
    public String toString() {
        return "OtlpSettings[tracesUri=" + tracesUri + ", headers=" + headers.keySet() + ", serviceName="
                + serviceName + ", timeout=" + timeout + ", batchSize=" + batchSize + ", exportInterval="
                + exportInterval + ", queueCapacity=" + queueCapacity + ", retry=" + retry + ", protocol="
                + protocol + ", gzip=" + gzip + "]";
    }

    private static URI tracesUri(Settings settings) {
        String endpoint = settings.string("endpoint").map(String::strip).orElse(DEFAULT_ENDPOINT);
        // The value is not echoed: an endpoint may carry user:password.
        String bad = "expected an http:// or https:// URL such as " + DEFAULT_ENDPOINT;
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw settings.error("endpoint", bad);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw settings.error("endpoint", bad);
        }
        if (uri.getRawUserInfo() != null) {
            throw settings.error("endpoint", "credentials go in headers (e.g. authorization), not in the URL");
        }
        String base = endpoint;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH);
    }

    private static Map<String, String> headers(Settings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        settings.child("headers").ifPresent(child -> {
            for (String name : child.keys()) {
                String value = child.string(name).orElseThrow(() -> child.error(name, "expected a value"));
                if (!TOKEN.matcher(name).matches()) {
                    throw child.error(name, "not a valid HTTP header name");
                }
                if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw child.error(name, "set by the sink or the HTTP client, not configurable");
                }
                if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw child.error(name, "the value holds a line break or NUL");
                }
                try {
                    HttpRequest.newBuilder().header(name, value);
                } catch (IllegalArgumentException e) {
                    throw child.error(name, "the HTTP client does not allow this header"); // value not echoed
                }
                headers.put(name, value);
            }
        });
        return headers;
    }

    private static Map<String, String> providerNames(Settings settings) {
        Map<String, String> names = new LinkedHashMap<>();
        settings.child("provider_names").ifPresent(child -> {
            for (String name : child.keys()) {
                String value = child.string(name).map(String::strip).filter(v -> !v.isEmpty())
                        .orElseThrow(() -> child.error(name,
                                "expected a gen_ai.provider.name value such as openai or gcp.gemini"));
                names.put(name, value);
            }
        });
        return names;
    }

    private static Duration positive(Settings settings, String key, Duration fallback) {
        Duration value = settings.duration(key).orElse(fallback);
        if (value.isZero() || value.isNegative()) {
            throw settings.error(key, "must be longer than zero");
        }
        return value;
    }

    private static int atLeastOne(Settings settings, String key, int fallback) {
        int value = settings.integer(key).orElse(fallback);
        if (value < 1) {
            throw settings.error(key, "must be at least 1, got " + value);
        }
        return value;
    }
}
