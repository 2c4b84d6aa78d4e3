package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Carries Gemini's thought signatures through OpenAI-shaped tool calls. Thinking models attach an
 * opaque {@code thoughtSignature} to {@code functionCall} parts, and Gemini 3 models refuse a
 * conversation whose latest function calls come back without it. OpenAI's format has no such
 * field, so the signature travels where Google's own OpenAI-compatible endpoint puts it:
 * {@code tool_calls[].extra_content.google.thought_signature}, which clients keep when they send
 * the assistant message back.
 *
 * <p>Calls that have no signature (made by another provider, or by a client) are sent to Gemini 3
 * and later with the placeholder Google documents for that case, so that a conversation can move
 * to Gemini from any provider.
 */
final class ThoughtSignatures {
    /** Google's documented value for function calls that no Gemini model signed. */
    static final String UNSIGNED = "skip_thought_signature_validator";

    /** Models that predate strict signature validation; they get no placeholder. */
    private static final Pattern OLDER = Pattern.compile("(models/)?gemini-(1|2)(\\.\\d+)?-.*");

    private ThoughtSignatures() {
    }

    /** The {@code extra} fields of a tool call that carry a part's signature; empty when it has none. */
    static Map<String, JsonNode> toolCallExtra(JsonNode part) {
        JsonNode signature = part.path("thoughtSignature");
        if (!signature.isTextual() || signature.asText().isEmpty()) {
            return Map.of();
        }
        ObjectNode google = JsonNodeFactory.instance.objectNode().put("thought_signature", signature.asText());
        ObjectNode extra = JsonNodeFactory.instance.objectNode().set("google", google);
        return Map.of("extra_content", extra);
    }

    /** The signature an OpenAI tool call carries, if any. */
    static Optional<String> of(Map<String, JsonNode> toolCallExtra) {
        JsonNode signature = toolCallExtra.getOrDefault("extra_content", JsonNodeFactory.instance.missingNode())
                .path("google").path("thought_signature");
        return signature.isTextual() && !signature.asText().isEmpty() ? Optional.of(signature.asText())
                : Optional.empty();
    }

    /** Whether unsigned function calls to this model need {@link #UNSIGNED}. */
    static boolean needsPlaceholder(String model) {
        return model != null && !OLDER.matcher(model).matches();
    }
}
