package dev.sluice.plugins.guardrail.format;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import com.networknt.schema.ValidationLimitExceededException;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A compiled JSON schema. Validation reports each violation as
 * {@code <path>: <what is wrong>} ({@code $.age: string found, integer expected}): the path and the
 * rule, with property names, but no value taken from the answer. {@code format} is asserted in
 * every dialect (2020-12 would only annotate it): a schema that says {@code "format": "email"} is
 * taken to want an e-mail address; formats the validator does not know are ignored. Thread-safe.
 */
final class CompiledSchema {
    /** Steps of evaluation (one per keyword per value) before the validator gives up on an answer. */
    static final long MAX_EVALUATION_STEPS = 1_000_000;
    private static final int MAX_EVALUATION_DEPTH = 512;
    private static final int MAX_MESSAGE = 240;

    /** Limits and language of every validation, meta-schema checks included. */
    static final ExecutionConfig EXECUTION = ExecutionConfig.builder()
            .locale(Locale.ENGLISH)
            .formatAssertionsEnabled(true)
            .maxEvaluationSteps(MAX_EVALUATION_STEPS)
            .maxEvaluationDepth(MAX_EVALUATION_DEPTH)
            .build();

    private final Schema schema;

    CompiledSchema(Schema schema) {
        this.schema = schema;
    }

    /** Every violation of the schema by a document, in the validator's order; empty when it is valid. */
    List<String> violations(JsonNode document) {
        try {
            return schema.validate(document, context -> context.setExecutionConfig(EXECUTION)).stream()
                    .map(CompiledSchema::describe).toList();
        } catch (ValidationLimitExceededException e) {
            return List.of(e.getInstanceLocation() + ": too large or too deeply nested to check against the "
                    + "schema; answer with a smaller document");
        } catch (BoundedRegularExpressions.BudgetExceeded e) {
            return List.of("$: a value is too long or too complex to check against the schema's pattern");
        }
    }

    private static String describe(Error error) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String message;
        if (keyword.startsWith("discriminator")) {
            message = "matches none of the schemas its discriminator allows"; // the message would quote the value
        } else if (keyword.equals("format")) {
            // "does not match the email pattern must be a valid …" → "… the email format; it must be a valid …"
            message = error.getMessage().replaceFirst(" pattern( must be|$)", " format$1")
                    .replace(" must be ", "; it must be ");
        } else {
            message = error.getMessage();
        }
        String line = error.getInstanceLocation() + ": " + message;
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }
}
