package dev.sluice.plugins.guardrail.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds checks from JSON settings and requests from JSON bodies, as the kernel would hand them over. */
final class Checks {
    static final String PERSON_SCHEMA = """
            {"type": "object",
             "properties": {
               "name": {"type": "string"},
               "age": {"type": "integer", "minimum": 0},
               "role": {"enum": ["admin", "editor", "viewer"]}
             },
             "required": ["name", "age"],
             "additionalProperties": false}""";

    private Checks() {
    }

    /** A check with these settings (a JSON object), its schema files resolved against {@code home}. */
    static GuardrailCheck check(String settingsJson, Path home) {
        return new FormatGuardrail().create(settings(settingsJson), new Context(home));
    }

    static GuardrailCheck check(String settingsJson) {
        return check(settingsJson, Path.of("").toAbsolutePath());
    }

    static Settings settings(String json) {
        return Settings.of(tree(json));
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request for a chat answer, with this {@code response_format} (a JSON object) or none ({@code null}). */
    static ChatRequest request(String responseFormat) {
        String body = "{\"model\": \"chat\", \"messages\": [{\"role\": \"user\", \"content\": \"Describe the user.\"}]"
                + (responseFormat == null ? "" : ", \"response_format\": " + responseFormat) + "}";
        try {
            return Json.read(body, ChatRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChatRequest plainRequest() {
        return request(null);
    }

    static ChatRequest jsonObjectRequest() {
        return request("{\"type\": \"json_object\"}");
    }

    static ChatRequest schemaRequest(String schema) {
        return request("{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"person\", \"strict\": true, \"schema\": "
                + schema + "}}");
    }

    /** The complete answer to a request. */
    static Inspection answer(String text, ChatRequest request) {
        return new Inspection(Inspection.Stage.OUTPUT, text, "assistant", true, request);
    }

    static List<Finding> inspect(GuardrailCheck check, String text, ChatRequest request) {
        return check.inspect(answer(text, request));
    }

    /** A gateway context whose home is a given folder; a format check needs nothing else. */
    record Context(Path home) implements GatewayContext {
        @Override
        public UpstreamClient http(UpstreamOptions options) {
            throw new AssertionError("a format check must not use HTTP");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public Optional<String> env(String name) {
            return Optional.empty();
        }
    }
}
