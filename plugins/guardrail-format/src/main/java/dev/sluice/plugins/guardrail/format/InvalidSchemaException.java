package dev.sluice.plugins.guardrail.format;

/** A schema that cannot be used: not JSON, not valid against its meta-schema, or not compilable. */
final class InvalidSchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSchemaException(String message) {
        super(message);
    }
}
