package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Result;
import dev.sluice.spi.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs a policy's {@code onRequest} before the rest of the chain and its {@code onResponse} after
 * it (for a stream: when the stream ends). Each request reads the file's current version once.
 */
final class JsPolicyStep implements ChainStep {
    private static final Logger LOG = Logger.getLogger(JsPolicyStep.class.getName());

    private final PolicyCalls calls;

    JsPolicyStep(PolicyCalls calls) {
        this.calls = calls;
    }

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        PolicyScript script = calls.handle().current();
        if (script.has("onRequest")) {
            onRequest(script, exchange);
        }
        Result result = chain.proceed(exchange);
        if (!script.has("onResponse")) {
            return result;
        }
        return switch (result) {
            case Result.Chat chat -> {
                onResponse(script, exchange, Json.mapper().valueToTree(chat.response()), true);
                yield result;
            }
            case Result.Embeddings embeddings -> {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("object", "list");
                summary.put("model", embeddings.response().model());
                summary.put("usage", embeddings.response().usage());
                summary.put("data_count", embeddings.response().data().size());
                onResponse(script, exchange, Json.mapper().valueToTree(summary), true);
                yield result;
            }
            case Result.Stream stream -> new Result.Stream(new ObservedStream(stream.chunks(),
                    summary -> onResponse(script, exchange, summary, false)));
        };
    }

    /** Runs {@code onRequest} and applies its decision to the exchange; throws to reject or fail. */
    void onRequest(PolicyScript script, Exchange exchange) {
        RequestDecision decision;
        try {
            decision = RequestDecision.parse(calls.onRequest(script, exchange), script.name());
            if (decision.rejection().isPresent()) {
                throw decision.rejection().get();
            }
            decision.guardrail().ifPresent(g -> g.apply(exchange, script.name(), "input"));
            if (!decision.unchanged()) {
                exchange.request(decision.applyTo(exchange.request(), script.name()));
                Tags.add(exchange, decision.tags(), true);
            }
        } catch (PolicyException e) {
            failed(exchange, e);
        }
    }

    /** Runs {@code onResponse} and adds its tags; throws to fail only while headers are open. */
    void onResponse(PolicyScript script, Exchange exchange, JsonNode response, boolean headersOpen) {
        try {
            Outcome outcome = calls.onResponse(script, exchange, response);
            if (outcome.empty()) {
                return;
            }
            if (!outcome.result().isObject()) {
                throw new PolicyException(PolicyException.Kind.BAD_RESULT, script.name(),
                        "onResponse() returned a " + outcome.type() + "; return nothing or { tags: [...] }");
            }
            String action = outcome.result().path("action").asText("");
            if (action.equals("block") || action.equals("flag")) {
                GuardrailVerdict verdict = GuardrailVerdict.parse(outcome.result(), "onResponse()", script.name());
                if (verdict.block() && !headersOpen) {
                    // The stream has been sent: the block can only be recorded and logged.
                    new GuardrailVerdict(false, verdict.rule(), verdict.message()).apply(exchange, script.name(),
                            "output");
                    LOG.warning("request " + exchange.id() + ": policy " + script.name() + " blocked a stream that "
                            + "had been sent (rule " + verdict.rule() + "); recorded as flagged");
                    return;
                }
                verdict.apply(exchange, script.name(), "output");
                return;
            }
            outcome.result().fieldNames().forEachRemaining(key -> {
                if (!key.equals("tags")) {
                    throw new PolicyException(PolicyException.Kind.BAD_RESULT, script.name(),
                            "onResponse() returned the unknown key \"" + key + "\" (known: tags, or action, rule, "
                                    + "message for a guardrail verdict)");
                }
            });
            Tags.add(exchange, Tags.parse(outcome.result().get("tags"), "onResponse()", script.name()), headersOpen);
        } catch (PolicyException e) {
            if (headersOpen) {
                failed(exchange, e);
            } else {
                // The stream has been sent: the failure can only be logged.
                LOG.warning("request " + exchange.id() + ": policy " + e.getMessage());
            }
        }
    }

    private void failed(Exchange exchange, PolicyException e) {
        if (calls.settings().failOnError()) {
            LOG.warning("request " + exchange.id() + " failed: policy " + e.getMessage());
            throw new GatewayException(ErrorType.INTERNAL, "policy " + e.getMessage(), e).withCode("policy_error");
        }
        LOG.warning("request " + exchange.id() + " continues unchanged: policy " + e.getMessage());
    }
}
