package dev.sluice.kernel.http.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place Anthropic-shaped errors are made:
 * {@code {"type":"error","error":{"type","message"},"request_id"}} with the error's status, the
 * shape Anthropic's SDKs turn into their typed exceptions.
 */
final class AnthropicErrors {
    private AnthropicErrors() {
    }

    /** Anthropic's {@code error.type} of an error kind. */
    static String type(GatewayException e) {
        if (e.status() == 529) {
            return "overloaded_error";
        }
        return switch (e.type()) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case REQUEST_TOO_LARGE -> "request_too_large";
            case RATE_LIMIT -> "rate_limit_error";
            case TIMEOUT -> "timeout_error";
            case UNAVAILABLE -> "overloaded_error";
            case INTERNAL, UPSTREAM -> "api_error";
        };
    }

    static ObjectNode body(GatewayException e, String requestId) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type(e));
        error.put("message", e.getMessage());
        root.put("request_id", requestId);
        return root;
    }

    static void send(ServerResponse res, GatewayException e, String requestId) {
        res.status(Status.create(e.status()));
        e.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER,
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body(e, requestId)));
    }

    /** A failure of the gateway itself while streaming, with the request to quote. */
    static GatewayException internal(String requestId) {
        return new GatewayException(ErrorType.INTERNAL,
                "the stream failed inside the gateway (request " + requestId + ")");
    }
}
