package dev.sluice.plugins.cohere;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.provider.HttpSettings;
import java.util.List;
import java.util.Set;

/**
 * The settings of one {@code cohere} provider entry, read and checked once at configuration load.
 *
 * @param http the shared HTTP settings ({@code base_url}, {@code api_key}, {@code headers},
 *     timeouts, {@code max_connections}, {@code idle_timeout}, {@code models})
 * @param embedInputType the {@code input_type} sent with embeddings requests that name none
 */
record CohereConfig(HttpSettings http, String embedInputType) {

    static final String DEFAULT_BASE_URL = "https://api.cohere.com";
    static final String DEFAULT_INPUT_TYPE = "search_document";

    /** The text input types of Cohere's {@code /v2/embed}; {@code image} needs image inputs. */
    static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");

    /** Reads every accepted key; anything else stays unread and is reported by the kernel. */
    static CohereConfig read(Settings settings) {
        HttpSettings http = HttpSettings.read(settings, DEFAULT_BASE_URL);
        String inputType = settings.string("embed_input_type").map(String::trim).orElse(DEFAULT_INPUT_TYPE);
        if (!INPUT_TYPES.contains(inputType)) {
            throw settings.error("embed_input_type",
                    "expected one of search_document, search_query, classification, clustering, got \""
                            + inputType + "\"");
        }
        return new CohereConfig(http, inputType);
    }

    /** Values that must never appear in an error message: the key and every extra header value. */
    List<String> secrets() {
        return http.secrets();
    }
}
