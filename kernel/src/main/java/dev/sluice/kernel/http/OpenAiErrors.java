package dev.sluice.kernel.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place OpenAI-shaped errors are made:
 * {@code {"error":{"message","type","param","code"}}} with the error's status.
 */
public final class OpenAiErrors {
    private OpenAiErrors() {
    }

    /** The OpenAI {@code error.type} of an error kind. */
    static String type(ErrorType type) {
        return switch (type) {
            case INVALID_REQUEST, NOT_FOUND, REQUEST_TOO_LARGE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMIT -> "rate_limit_error";
            case INTERNAL, UPSTREAM, UNAVAILABLE, TIMEOUT -> "server_error";
        };
    }

    /** The error body. */
    public static byte[] body(GatewayException e) {
        return Json.bytes(envelope(e));
    }

    /** The error object wrapped as OpenAI does, for bodies and stream error events. */
    static ObjectNode envelope(GatewayException e) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", e.getMessage());
        error.put("type", type(e.type()));
        error.put("param", e.param().orElse(null));
        error.put("code", e.code().orElse(null));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("error", error);
        return root;
    }

    /** Sends the error as the whole response. */
    public static void send(ServerResponse res, GatewayException e) {
        res.status(Status.create(e.status()));
        e.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER,
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body(e));
    }
}
