package dev.sluice.spi;

/**
 * The kinds of error the gateway reports, each with its HTTP status. The inbound API renders
 * each in its own shape (OpenAI's {@code error.type}, Anthropic's {@code error.type}).
 */
public enum ErrorType {
    /** 400: the request is malformed or invalid. */
    INVALID_REQUEST(400),
    /** 401: no or a wrong API key. */
    AUTHENTICATION(401),
    /** 403: the key may not do this. */
    PERMISSION(403),
    /** 404: no such model or resource. */
    NOT_FOUND(404),
    /** 413: the request body is over the configured limit. */
    REQUEST_TOO_LARGE(413),
    /** 429: a rate limit, quota or budget is exhausted. */
    RATE_LIMIT(429),
    /** 500: the gateway itself failed. */
    INTERNAL(500),
    /** 502: every upstream target failed. */
    UPSTREAM(502),
    /** 503: nothing can serve the request now (no healthy target, shutting down). */
    UNAVAILABLE(503),
    /** 504: the upstream did not answer in time. */
    TIMEOUT(504);

    private final int status;

    ErrorType(int status) {
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
