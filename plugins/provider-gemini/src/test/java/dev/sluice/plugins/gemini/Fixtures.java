package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.replay.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded and published wire formats under {@code src/test/resources/gemini} (sources in its README). */
final class Fixtures {

    private Fixtures() {
    }

    /** A fixture as text. */
    static String text(String name) {
        return Replay.text("gemini/" + name);
    }

    /** A fixture as a JSON tree. */
    static JsonNode json(String name) {
        return tree(text(name));
    }

    /** A fixture read into a wire record. */
    static <T> T read(String name, Class<T> type) {
        return parse(text(name), type);
    }

    /** JSON text read into a wire record. */
    static <T> T parse(String json, Class<T> type) {
        try {
            return Json.read(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Provider settings from JSON text. */
    static Settings settings(String json) {
        return Settings.of(tree(json));
    }

    /**
     * A value as the JSON tree it is written as, so that trees compare by what they say and not by
     * the Java number types that built them.
     */
    static JsonNode written(Object value) {
        return tree(new String(Json.bytes(value), StandardCharsets.UTF_8));
    }

    static JsonNode tree(String json) {
        try {
            return Json.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
