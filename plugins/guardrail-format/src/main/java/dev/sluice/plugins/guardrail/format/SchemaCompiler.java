package dev.sluice.plugins.guardrail.format;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Compiles JSON schemas, once each, for {@link CompiledSchema}s to validate answers with.
 *
 * <p>A schema is first checked against the meta-schema of its dialect ({@code $schema}, 2020-12
 * when absent), so that a typo such as {@code "type": "strnig"} is reported rather than silently
 * ignored. Schemas may reference their own parts ({@code #/$defs/…}) and the standard meta-schemas,
 * which are bundled; every other {@code $ref} (a URL, a file, a class-path resource) is refused,
 * so that a schema sent by a client can never make the gateway fetch anything. Regular
 * expressions run on the JDK's engine under a step budget ({@link BoundedRegularExpressions}).
 *
 * <p>Thread-safe.
 */
final class SchemaCompiler {
    private static final int MAX_META_PROBLEMS = 3;

    private final SchemaRegistry registry;
    private final Map<String, Schema> metaSchemas = new ConcurrentHashMap<>();

    SchemaCompiler() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .locale(Locale.ENGLISH)
                .pathType(PathType.LEGACY) // $.items[0].name: what a model reads most easily
                .regularExpressionFactory(BoundedRegularExpressions.INSTANCE)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader.allow(SchemaCompiler::isStandardMetaSchema)));
    }

    /** Compiles a schema given as JSON text. */
    CompiledSchema compile(String text) throws InvalidSchemaException {
        JsonNode node;
        try {
            node = StrictJson.read(text);
        } catch (JacksonException e) {
            throw new InvalidSchemaException("not JSON: " + StrictJson.describe(e));
        }
        if (!node.isObject()) {
            throw new InvalidSchemaException("expected a JSON object");
        }
        try {
            checkAgainstMetaSchema(node);
            Schema schema = registry.getSchema(node);
            schema.initializeValidators(); // resolves every $ref now, not on the first answer
            return new CompiledSchema(schema);
        } catch (SchemaException e) {
            throw new InvalidSchemaException(message(e));
        } catch (RuntimeException e) { // a broken pattern, a $ref to nowhere, …
            throw new InvalidSchemaException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void checkAgainstMetaSchema(JsonNode node) throws InvalidSchemaException {
        if (node.has("$schema") && SpecificationVersion.fromSchemaNode(node).isEmpty()) {
            throw new InvalidSchemaException("unsupported $schema: use one of draft-04, draft-06, draft-07, "
                    + "2019-09 or 2020-12 (the default)");
        }
        String dialect = SpecificationVersion.fromSchemaNode(node)
                .orElse(SpecificationVersion.DRAFT_2020_12).getDialectId();
        Schema meta = metaSchemas.computeIfAbsent(dialect, id -> registry.getSchema(SchemaLocation.of(id)));
        List<Error> errors = meta.validate(node, context -> context.setExecutionConfig(CompiledSchema.EXECUTION));
        if (!errors.isEmpty()) {
            throw new InvalidSchemaException(errors.stream().limit(MAX_META_PROBLEMS)
                    .map(SchemaCompiler::describe)
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String message(SchemaException e) {
        List<Error> errors = e.getErrors();
        if (errors == null || errors.isEmpty()) {
            return String.valueOf(e.getMessage());
        }
        return errors.stream().limit(MAX_META_PROBLEMS).map(SchemaCompiler::describe).collect(Collectors.joining("; "));
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return where.isEmpty() ? error.getMessage() : where + ": " + error.getMessage();
    }

    private static boolean isStandardMetaSchema(AbsoluteIri iri) {
        String text = iri.toString();
        return text.startsWith("https://json-schema.org/") || text.startsWith("http://json-schema.org/");
    }
}
