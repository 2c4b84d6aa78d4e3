package dev.sluice.plugins.guardrail.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of one {@code format} check, read and checked once when the configuration loads: a
 * configured schema is compiled here, so a broken one is a configuration error with file and line.
 *
 * @param schema the configured schema ({@code schema} or {@code schema_file}), if any
 * @param requireJson when an answer that is not JSON is a finding
 * @param onInvalid the action of every finding
 * @param stripCodeFences whether an answer wrapped in a Markdown code fence is unwrapped first
 */
record FormatSettings(Optional<CompiledSchema> schema, RequireJson requireJson, Finding.Action onInvalid,
        boolean stripCodeFences) {

    static final String SCHEMA = "schema";
    static final String SCHEMA_FILE = "schema_file";
    static final String REQUIRE_JSON = "require_json";
    static final String ON_INVALID = "on_invalid";
    static final String STRIP_CODE_FENCES = "strip_code_fences";

    static final RequireJson DEFAULT_REQUIRE_JSON = RequireJson.WHEN_ASKED;
    static final Finding.Action DEFAULT_ON_INVALID = Finding.Action.BLOCK;
    static final boolean DEFAULT_STRIP_CODE_FENCES = true;

    /** Reads and checks every key; relative schema files resolve against {@code home}. */
    static FormatSettings from(Settings settings, Path home, SchemaCompiler compiler) {
        Optional<CompiledSchema> inline = settings.json(SCHEMA).map(node -> inline(settings, node, compiler));
        Optional<CompiledSchema> file = settings.string(SCHEMA_FILE).map(path -> file(settings, home, path, compiler));
        if (inline.isPresent() && file.isPresent()) {
            throw settings.error(SCHEMA_FILE, "give either " + SCHEMA + " or " + SCHEMA_FILE + ", not both");
        }
        RequireJson requireJson = settings.string(REQUIRE_JSON)
                .map(value -> RequireJson.parse(value).orElseThrow(() -> settings.error(REQUIRE_JSON,
                        "expected true, false or always, got \"" + value + "\"")))
                .orElse(DEFAULT_REQUIRE_JSON);
        Finding.Action onInvalid = settings.string(ON_INVALID).map(value -> action(settings, value))
                .orElse(DEFAULT_ON_INVALID);
        boolean strip = settings.bool(STRIP_CODE_FENCES).orElse(DEFAULT_STRIP_CODE_FENCES);
        return new FormatSettings(inline.or(() -> file), requireJson, onInvalid, strip);
    }

    private static CompiledSchema inline(Settings settings, JsonNode node, SchemaCompiler compiler) {
        if (!node.isObject()) {
            throw settings.error(SCHEMA, "expected a JSON schema, written as a mapping");
        }
        try {
            return compiler.compile(Json.string(node));
        } catch (InvalidSchemaException e) {
            throw settings.error(SCHEMA, "not a usable JSON schema: " + e.getMessage());
        }
    }

    private static CompiledSchema file(Settings settings, Path home, String path, SchemaCompiler compiler) {
        if (path.isBlank()) {
            throw settings.error(SCHEMA_FILE, "expected the path of a JSON schema file, got an empty value");
        }
        Path resolved = home.resolve(path.trim()).normalize();
        String text;
        try {
            text = Files.readString(resolved, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw settings.error(SCHEMA_FILE, "cannot read " + resolved + ": " + e.getClass().getSimpleName()
                    + Optional.ofNullable(e.getMessage()).filter(m -> !m.equals(resolved.toString()))
                            .map(m -> " (" + m + ")").orElse(""));
        }
        try {
            return compiler.compile(text);
        } catch (InvalidSchemaException e) {
            throw settings.error(SCHEMA_FILE, resolved + " is not a usable JSON schema: " + e.getMessage());
        }
    }

    private static Finding.Action action(Settings settings, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "block" -> Finding.Action.BLOCK;
            case "retry" -> Finding.Action.RETRY;
            case "flag" -> Finding.Action.FLAG;
            default -> throw settings.error(ON_INVALID, "expected block, retry or flag, got \"" + value + "\"");
        };
    }
}
