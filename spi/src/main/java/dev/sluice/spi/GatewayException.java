package dev.sluice.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * An error that ends a request with a status and a message the client sees, rendered in the
 * inbound API's own error shape. Messages must never contain a secret: name providers and
 * models, not keys or URLs with credentials.
 *
 * <pre>{@code
 * throw new GatewayException(ErrorType.INVALID_REQUEST, "'messages' must not be empty")
 *         .withParam("messages");
 * }</pre>
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final int status;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    /** An error of the given type with the type's status. */
    public GatewayException(ErrorType type, String message) {
        this(type, type.status(), message, null, null, null, null);
    }

    /** An error of the given type with the type's status and a cause kept for logs. */
    public GatewayException(ErrorType type, String message, Throwable cause) {
        this(type, type.status(), message, null, null, null, cause);
    }

    /** The full form; prefer the short constructors and the {@code with…} methods. */
    protected GatewayException(ErrorType type, int status, String message, String param, String code,
            Duration retryAfter, Throwable cause) {
        super(message, cause, false, cause != null);
        this.type = type;
        this.status = status;
        this.param = param;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** A copy naming the request field at fault. */
    public GatewayException withParam(String value) {
        return new GatewayException(type, status, getMessage(), value, code, retryAfter, getCause());
    }

    /** A copy with a machine-readable code, e.g. {@code model_not_found}. */
    public GatewayException withCode(String value) {
        return new GatewayException(type, status, getMessage(), param, value, retryAfter, getCause());
    }

    /** A copy telling the client when to retry (sent as {@code Retry-After}). */
    public GatewayException withRetryAfter(Duration value) {
        return new GatewayException(type, status, getMessage(), param, code, value, getCause());
    }

    /** The error kind. */
    public ErrorType type() {
        return type;
    }

    /** The HTTP status sent to the client. */
    public int status() {
        return status;
    }

    /** The request field at fault, if known. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    /** A machine-readable code, if any. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** When the client may retry, if known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
