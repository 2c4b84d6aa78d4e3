package dev.sluice.plugins.guardrail.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ResponseFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One configured {@code format} check. It judges complete answers only ({@link Inspection#complete()};
 * a window of a stream still arriving is not a document yet) and never prompts. An answer is
 * read as one JSON value after an optional code fence is taken off; then, when a schema applies,
 * validated. The schema is the configured one, or else the one the request's
 * {@code response_format} carries, compiled once per distinct schema.
 *
 * <p>Findings cover the whole text, of type {@value #TYPE}: {@value #RULE_PARSE} when the answer is
 * not JSON, {@value #RULE_SCHEMA} when it violates the schema. Their detail is written to the model,
 * since {@code retry} appends it to the conversation, and names what is wrong and where, never a
 * value from the answer.
 *
 * <p>Thread-safe.
 */
final class FormatCheck implements GuardrailCheck {
    static final String RULE_PARSE = "json_parse";
    static final String RULE_SCHEMA = "json_schema";
    static final String TYPE = "FORMAT";
    /** The most violations a detail lists. */
    static final int MAX_VIOLATIONS = 5;
    /** The most request schemas kept compiled, and the most characters of schema text they may hold. */
    static final int CACHED_SCHEMAS = 256;
    static final long CACHED_SCHEMA_CHARS = 4L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(FormatCheck.class.getName());
    private static final String NOT_JSON = "The previous answer was not valid JSON: ";
    private static final String NOT_JSON_FOR_SCHEMA =
            "The previous answer was not valid JSON for the required schema: ";
    private static final String AGAIN_JSON = " Answer again with only valid JSON and no other text.";
    private static final String AGAIN_SCHEMA = " Answer again with only JSON that matches the schema.";

    private final FormatSettings settings;
    private final SchemaCompiler compiler;
    private final SchemaCache requestSchemas = new SchemaCache(CACHED_SCHEMAS, CACHED_SCHEMA_CHARS);

    FormatCheck(FormatSettings settings, SchemaCompiler compiler) {
        this.settings = settings;
        this.compiler = compiler;
    }

    @Override
    public List<Finding> inspect(Inspection inspection) {
        if (inspection.stage() != Inspection.Stage.OUTPUT || !inspection.complete()) {
            return List.of();
        }
        Expectation expected = expectation(inspection.request());
        if (!expected.requiresJson() && expected.schema().isEmpty()) {
            return List.of();
        }
        String text = settings.stripCodeFences() ? CodeFences.unwrap(inspection.text()) : inspection.text();
        if (text.isBlank() && hasTools(inspection.request()) && settings.requireJson() != RequireJson.ALWAYS) {
            return List.of(); // an answer that calls a tool has no text to judge
        }
        boolean schema = expected.schema().isPresent();
        return switch (StrictJson.parse(text)) {
            case StrictJson.Unparsable unparsable -> expected.requiresJson()
                    ? List.of(finding(RULE_PARSE, (schema ? NOT_JSON_FOR_SCHEMA : NOT_JSON)
                            + sentence(unparsable.problem()) + (schema ? AGAIN_SCHEMA : AGAIN_JSON)))
                    : List.of();
            case StrictJson.Parsed parsed -> expected.schema()
                    .map(compiled -> compiled.violations(parsed.tree()))
                    .filter(violations -> !violations.isEmpty())
                    .map(violations -> List.of(finding(RULE_SCHEMA,
                            NOT_JSON_FOR_SCHEMA + summary(violations) + AGAIN_SCHEMA)))
                    .orElse(List.of());
        };
    }

    /** What the answer to this request must be. */
    private record Expectation(boolean requiresJson, Optional<CompiledSchema> schema) {
    }

    private Expectation expectation(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        String type = format == null || format.type() == null ? "text" : format.type();
        boolean asked = type.equals("json_object") || type.equals("json_schema");
        boolean requiresJson = switch (settings.requireJson()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_ASKED -> asked || settings.schema().isPresent();
        };
        if (settings.schema().isPresent()) {
            return new Expectation(requiresJson, settings.schema());
        }
        JsonNode jsonSchema = format == null ? null : format.jsonSchema();
        if (type.equals("json_schema") && jsonSchema != null && jsonSchema.path("schema").isObject()) {
            return new Expectation(requiresJson, requestSchema(jsonSchema));
        }
        return new Expectation(requiresJson, Optional.empty());
    }

    private Optional<CompiledSchema> requestSchema(JsonNode jsonSchema) {
        return requestSchemas.get(SchemaText.canonical(jsonSchema.get("schema")), text -> {
            try {
                return Optional.of(compiler.compile(text));
            } catch (InvalidSchemaException e) {
                // Answers to it are still held to being JSON; the schema itself is the client's to fix.
                LOG.log(Level.WARNING, () -> "format guardrail: the response_format schema \"" + name(jsonSchema)
                        + "\" cannot be used, answers are checked as JSON only: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Finding finding(String rule, String detail) {
        return Finding.whole(rule, TYPE, settings.onInvalid(), detail);
    }

    private static String summary(List<String> violations) {
        String listed = String.join("; ", violations.subList(0, Math.min(MAX_VIOLATIONS, violations.size())));
        int more = violations.size() - MAX_VIOLATIONS;
        return sentence(more > 0 ? listed + " (and " + more + " more)" : listed);
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static boolean hasTools(ChatRequest request) {
        return request.tools() != null && !request.tools().isEmpty();
    }

    private static String name(JsonNode jsonSchema) {
        String name = jsonSchema.path("name").asText("");
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
