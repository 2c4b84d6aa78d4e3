package dev.sluice.plugins.openai;

import dev.sluice.spi.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenRouter's optional app attribution, from the settings {@code site_url} and {@code app_name}:
 * sent as {@code HTTP-Referer} and {@code X-OpenRouter-Title} (the current name of the header
 * OpenRouter's older documentation calls {@code X-Title}), which put the app in OpenRouter's
 * rankings and analytics. See https://openrouter.ai/docs/app-attribution.
 */
final class Attribution {

    private Attribution() {
    }

    /** The attribution headers the settings ask for; none when neither key is set. */
    static Map<String, String> read(Settings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headerValue(settings, "site_url").ifPresent(url -> headers.put("HTTP-Referer", url));
        headerValue(settings, "app_name").ifPresent(name -> headers.put("X-OpenRouter-Title", name));
        return headers;
    }

    private static Optional<String> headerValue(Settings settings, String key) {
        Optional<String> value = settings.string(key).map(String::strip).filter(s -> !s.isEmpty());
        if (value.isPresent() && !value.get().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw settings.error(key, "must be printable ASCII, since it is sent as an HTTP header");
        }
        return value;
    }
}
