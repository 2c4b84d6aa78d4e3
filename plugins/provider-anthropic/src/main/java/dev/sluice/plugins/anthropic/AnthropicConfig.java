package dev.sluice.plugins.anthropic;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.provider.HttpSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one {@code anthropic} provider entry, read and checked once at configuration
 * load.
 *
 * @param http the shared HTTP settings ({@code base_url}, {@code api_key}, {@code headers}, timeouts,
 *     {@code models})
 * @param version the {@code anthropic-version} header
 * @param betas the {@code anthropic-beta} features, sent comma-joined; empty for none
 * @param defaultMaxTokens the {@code max_tokens} sent when the request sets no output cap, since
 *     Anthropic requires one
 */
record AnthropicConfig(HttpSettings http, String version, List<String> betas, int defaultMaxTokens) {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 4096;

    AnthropicConfig {
        betas = List.copyOf(betas);
    }

    /** Reads every accepted key; anything else stays unread and is reported by the kernel. */
    static AnthropicConfig read(Settings settings) {
        HttpSettings http = HttpSettings.read(settings, DEFAULT_BASE_URL);
        String version = settings.string("anthropic_version").map(String::trim).orElse(DEFAULT_VERSION);
        if (version.isEmpty()) {
            throw settings.error("anthropic_version", "must not be empty, such as " + DEFAULT_VERSION);
        }
        List<String> betas = new ArrayList<>();
        for (String beta : settings.strings("anthropic_beta")) {
            // A comma-joined value is what the header itself looks like, so accept that form too.
            for (String part : beta.split(",")) {
                if (!part.isBlank()) {
                    betas.add(part.trim());
                }
            }
        }
        int defaultMaxTokens = settings.integer("default_max_tokens").orElse(DEFAULT_MAX_TOKENS);
        if (defaultMaxTokens < 1) {
            throw settings.error("default_max_tokens", "must be at least 1");
        }
        return new AnthropicConfig(http, version, betas, defaultMaxTokens);
    }
}
