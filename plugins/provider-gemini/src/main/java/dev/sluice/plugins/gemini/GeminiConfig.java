package dev.sluice.plugins.gemini;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.provider.HttpSettings;

/**
 * The settings of one {@code gemini} provider entry, read and checked once at configuration load:
 * only the keys every HTTP provider shares ({@code base_url}, {@code api_key}, {@code headers},
 * {@code connect_timeout}, {@code read_timeout}, {@code max_connections}, {@code idle_timeout}, {@code models}).
 *
 * @param http the shared HTTP settings; {@code base_url} defaults to {@link #DEFAULT_BASE_URL}
 */
record GeminiConfig(HttpSettings http) {

    /** The Gemini API (Generative Language API), version {@code v1beta}. */
    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    /** The header the Gemini API reads its key from. */
    static final String KEY_HEADER = "x-goog-api-key";

    /**
     * Reads every accepted key. A key is required, either as {@code api_key} or as an extra
     * header that carries one ({@code x-goog-api-key}, or {@code Authorization} for a proxy
     * or an OAuth token), since the Gemini API answers nothing without one.
     */
    static GeminiConfig read(Settings settings) {
        HttpSettings http = HttpSettings.read(settings, DEFAULT_BASE_URL);
        boolean headerKey = http.headers().containsKey(KEY_HEADER) || http.headers().containsKey("authorization");
        if (http.apiKey().isEmpty() && !headerKey) {
            throw settings.error("api_key", "is required for the Gemini API (or set headers."
                    + KEY_HEADER + " or headers.Authorization)");
        }
        return new GeminiConfig(http);
    }
}
