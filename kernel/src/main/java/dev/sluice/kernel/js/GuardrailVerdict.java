package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.util.Set;

/**
 * A policy acting as a guardrail: {@code { action: "block" | "flag", rule, message }} from
 * {@code onRequest} (the prompt) or {@code onResponse} (the answer). It is recorded like any
 * guardrail's finding, under the policy file's name; a block fails the request.
 *
 * @param block whether it blocks (else it flags)
 * @param rule the rule's name, for the audit record and metrics
 * @param message what the client is told on a block
 */
record GuardrailVerdict(boolean block, String rule, String message) {
    static final Set<String> KEYS = Set.of("action", "rule", "message");

    static GuardrailVerdict parse(JsonNode result, String hook, String file) {
        result.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new PolicyException(PolicyException.Kind.BAD_RESULT, file, hook + " returned the unknown key \""
                        + key + "\" with a guardrail verdict (known: action, message, rule)");
            }
        });
        JsonNode rule = result.path("rule");
        if (!rule.isTextual() || rule.asText().isBlank()) {
            throw new PolicyException(PolicyException.Kind.BAD_RESULT, file, hook + " returned { action: \""
                    + result.path("action").asText() + "\" } without a rule; give { action, rule, message }");
        }
        boolean block = result.path("action").asText().equals("block");
        String message = result.path("message").isTextual() ? result.get("message").asText() : "";
        return new GuardrailVerdict(block, rule.asText(), message);
    }

    /** Records the verdict; for a block, throws the error the client gets. */
    void apply(Exchange exchange, String file, String stage) {
        exchange.guardrailTriggered(new GuardrailTrigger(file, rule, block ? "block" : "flag", stage));
        if (block) {
            String what = stage.equals("input") ? "the request was blocked" : "the answer was withheld";
            throw new GatewayException(ErrorType.INVALID_REQUEST, what + " by policy " + file + " (rule " + rule + ")"
                    + (message.isBlank() ? "" : ": " + message)).withCode("guardrail_blocked");
        }
    }
}
