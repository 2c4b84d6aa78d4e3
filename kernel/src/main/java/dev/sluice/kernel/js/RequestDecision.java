package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ModelRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code onRequest()} decided: continue (nothing returned, or {@code { action: "continue" }}),
 * continue with changes ({@code model}, {@code max_tokens}, {@code metadata}, {@code tags}), or
 * reject ({@code { action: "reject", status, message, code }}), or act as a guardrail
 * ({@code { action: "block" | "flag", rule, message }}: recorded in the audit record's
 * {@code guardrails_triggered}; {@code block} fails the request with 400 {@code guardrail_blocked}).
 *
 * @param model the model route to use instead
 * @param maxTokens the output token cap to set
 * @param metadata entries to merge into the request's {@code metadata}
 * @param tags tags to add to the caller
 * @param rejection the rejection, when the policy rejected the request
 * @param guardrail the guardrail verdict, when the policy returned one
 */
record RequestDecision(Optional<String> model, Optional<Integer> maxTokens, Map<String, String> metadata,
        List<String> tags, Optional<PolicyRejection> rejection, Optional<GuardrailVerdict> guardrail) {
    static final RequestDecision CONTINUE = new RequestDecision(Optional.empty(), Optional.empty(), Map.of(), List.of(),
            Optional.empty(), Optional.empty());
    private static final Set<String> CONTINUE_KEYS = Set.of("action", "model", "max_tokens", "metadata", "tags");
    private static final Set<String> REJECT_KEYS = Set.of("action", "status", "message", "code");

    /** Parses the hook's result. */
    static RequestDecision parse(Outcome outcome, String file) {
        if (outcome.empty()) {
            return CONTINUE;
        }
        JsonNode result = outcome.result();
        if (!result.isObject()) {
            throw bad(file, "returned a " + outcome.type() + "; return nothing, { model, max_tokens, metadata, tags }"
                    + " or { action: \"reject\", status, message }");
        }
        String action = result.path("action").asText("continue");
        if (action.equals("reject")) {
            onlyKeys(result, REJECT_KEYS, file);
            return new RequestDecision(Optional.empty(), Optional.empty(), Map.of(), List.of(),
                    Optional.of(rejection(result, file)), Optional.empty());
        }
        if (action.equals("block") || action.equals("flag")) {
            return new RequestDecision(Optional.empty(), Optional.empty(), Map.of(), List.of(), Optional.empty(),
                    Optional.of(GuardrailVerdict.parse(result, "onRequest()", file)));
        }
        if (!action.equals("continue")) {
            throw bad(file, "returned the action \"" + action + "\" (known: continue, reject, block, flag)");
        }
        onlyKeys(result, CONTINUE_KEYS, file);
        Optional<String> model = Optional.empty();
        if (result.hasNonNull("model")) {
            if (!result.get("model").isTextual() || result.get("model").asText().isBlank()) {
                throw bad(file, "returned model " + result.get("model") + "; it must be a model name");
            }
            model = Optional.of(result.get("model").asText());
        }
        Optional<Integer> maxTokens = Optional.empty();
        if (result.hasNonNull("max_tokens")) {
            JsonNode cap = result.get("max_tokens");
            if (!cap.canConvertToInt() || !cap.isIntegralNumber() || cap.asInt() < 1) {
                throw bad(file, "returned max_tokens " + cap + "; it must be a whole number of at least 1");
            }
            maxTokens = Optional.of(cap.asInt());
        }
        return new RequestDecision(model, maxTokens, metadata(result.get("metadata"), file),
                Tags.parse(result.get("tags"), "onRequest()", file), Optional.empty(), Optional.empty());
    }

    /** Whether the request continues unchanged. */
    boolean unchanged() {
        return model.isEmpty() && maxTokens.isEmpty() && metadata.isEmpty() && tags.isEmpty() && rejection.isEmpty()
                && guardrail.isEmpty();
    }

    /** The request with the decision's changes. */
    ModelRequest applyTo(ModelRequest request, String file) {
        ModelRequest out = request;
        if (model.isPresent()) {
            out = out.withModel(model.get());
        }
        if (maxTokens.isPresent()) {
            if (!(out instanceof ChatRequest chat)) {
                throw bad(file, "set max_tokens on an embeddings request");
            }
            out = chat.withMaxTokens(maxTokens.get());
        }
        if (!metadata.isEmpty()) {
            ObjectNode tree = Json.mapper().valueToTree(out);
            ObjectNode merged = tree.has("metadata") && tree.get("metadata").isObject()
                    ? (ObjectNode) tree.get("metadata") : tree.putObject("metadata");
            metadata.forEach(merged::put);
            out = Json.convert(tree, out.getClass());
        }
        return out;
    }

    private static PolicyRejection rejection(JsonNode result, String file) {
        JsonNode status = result.path("status");
        int code = status.isMissingNode() || status.isNull() ? 403 : status.asInt(-1);
        if (!status.isMissingNode() && !status.isNull() && !status.isIntegralNumber() || code < 400 || code > 599) {
            throw bad(file, "rejected with status " + status + "; it must be a number from 400 to 599");
        }
        JsonNode message = result.path("message");
        if (!message.isTextual() || message.asText().isBlank()) {
            throw bad(file, "rejected without a message; give { action: \"reject\", status, message }");
        }
        String errorCode = result.path("code").isTextual() ? result.get("code").asText() : "policy_rejected";
        return new PolicyRejection(code, message.asText(), errorCode);
    }

    private static Map<String, String> metadata(JsonNode node, String file) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw bad(file, "returned metadata " + node + "; it must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw bad(file, "returned metadata." + field.getKey() + " = " + field.getValue()
                        + "; values must be strings, numbers or booleans");
            }
            out.put(field.getKey(), field.getValue().asText());
        }
        return out;
    }

    private static void onlyKeys(JsonNode result, Set<String> known, String file) {
        List<String> unknown = new ArrayList<>();
        result.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw bad(file, "returned the unknown key \"" + unknown.get(0) + "\" (known: "
                    + String.join(", ", known.stream().sorted().toList()) + ")");
        }
    }

    private static PolicyException bad(String file, String problem) {
        return new PolicyException(PolicyException.Kind.BAD_RESULT, file, "onRequest() " + problem);
    }
}
