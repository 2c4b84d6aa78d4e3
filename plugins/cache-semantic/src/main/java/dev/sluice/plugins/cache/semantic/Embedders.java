package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.provider.UpstreamErrors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Opens the embedder a store's {@code embedder} setting names:
 *
 * <pre>{@code
 * embedder: local                  # the default: all-MiniLM-L6-v2 in process
 * embedder:
 *   type: openai                   # any OpenAI-compatible /v1/embeddings endpoint
 *   base_url: https://api.openai.com/v1
 *   api_key: ${OPENAI_API_KEY}
 *   model: text-embedding-3-small
 *   dimensions: 512                # optional, for models that can shorten their vectors
 *   timeout: 10s
 * }</pre>
 */
final class Embedders {
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_MODEL = "text-embedding-3-small";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Embedders() {
    }

    /** The embedder of a store's settings; reads {@code embedder} and the keys of its type. */
    static Embedder open(Settings store, GatewayContext context) {
        Optional<Settings> section = store.json("embedder").filter(n -> n.isValueNode()).isPresent()
                ? Optional.of(store.scalarAs("embedder", "type"))
                : store.child("embedder");
        Settings s = section.orElse(Settings.empty(store.pathOf("embedder")));
        String type = s.string("type").orElse("local");
        return switch (type) {
            case "local" -> {
                rejectUnknown(s, type);
                yield new LocalEmbedder();
            }
            case "openai" -> openAi(s, context);
            default -> throw s.error("type", "unknown embedder \"" + type + "\"; use local or openai");
        };
    }

    /** The kernel checks a store's own keys; the keys of the embedder mapping are checked here. */
    private static void rejectUnknown(Settings s, String type) {
        Optional<String> unknown = s.unreadKeys().stream().findFirst();
        if (unknown.isPresent()) {
            throw s.error(unknown.get(), "unknown key for the " + type + " embedder");
        }
    }

    private static Embedder openAi(Settings s, GatewayContext context) {
        String baseUrl = s.string("base_url").orElse(DEFAULT_BASE_URL);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw s.error("base_url", "expected an http:// or https:// URL, e.g. " + DEFAULT_BASE_URL);
        }
        Optional<String> apiKey = s.string("api_key").filter(k -> !k.isBlank());
        String model = s.string("model").orElse(DEFAULT_MODEL);
        Optional<Integer> dimensions = s.integer("dimensions");
        if (dimensions.isPresent() && dimensions.get() < 1) {
            throw s.error("dimensions", "must be at least 1, got " + dimensions.get());
        }
        Duration timeout = s.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw s.error("timeout", "must be positive");
        }
        rejectUnknown(s, "openai");
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        UpstreamErrors errors = new UpstreamErrors("embedder", apiKey.map(List::of).orElse(List.of()), context.clock());
        return new OpenAiEmbedder(context.http(new UpstreamOptions(connect, timeout, 64)), baseUrl, apiKey, model,
                dimensions, timeout, errors);
    }
}
