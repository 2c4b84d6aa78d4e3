package dev.sluice.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider's failure: the upstream refused, failed, timed out or could not be reached. The
 * failover executor reads {@link #upstreamStatus()} and {@link #retryable()} to decide whether to
 * try the next target; if none is left the client gets a 502 (or 504 for timeouts).
 *
 * <p>The message names the provider and what happened, never a key; it may quote the upstream's
 * own error message, which providers do not fill with secrets.
 */
public class UpstreamException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final int upstreamStatus;
    private final boolean retryable;
    private final transient Duration upstreamRetryAfter;

    /**
     * @param upstreamStatus the upstream's HTTP status, or 0 when no answer came
     * @param retryable whether another target (or a later try) may succeed
     * @param message what happened, without secrets
     * @param retryAfter the upstream's {@code Retry-After}, or {@code null}
     * @param cause the underlying exception, kept for logs, or {@code null}
     */
    public UpstreamException(int upstreamStatus, boolean retryable, String message, Duration retryAfter,
            Throwable cause) {
        super(upstreamStatus == 0 && cause instanceof java.net.SocketTimeoutException ? ErrorType.TIMEOUT
                : ErrorType.UPSTREAM, message, cause);
        this.upstreamStatus = upstreamStatus;
        this.retryable = retryable;
        this.upstreamRetryAfter = retryAfter;
    }

    /** A failure to reach the upstream at all (refused, reset, DNS, TLS): always retryable. */
    public static UpstreamException unreachable(String provider, Throwable cause) {
        if (cause instanceof java.io.UncheckedIOException unchecked && unchecked.getCause() != null) {
            cause = unchecked.getCause();
        }
        String what = cause instanceof java.net.SocketTimeoutException ? "timed out" : "could not be reached";
        return new UpstreamException(0, true, "provider '" + provider + "' " + what + " ("
                + cause.getClass().getSimpleName() + ")", null, cause);
    }

    /** Whether an upstream status is worth another try elsewhere: 408, 409, 429 and every 5xx. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** The upstream's HTTP status, or 0 when no answer came. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** Whether another target or a later try may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The upstream's {@code Retry-After}, if it sent one. */
    public Optional<Duration> upstreamRetryAfter() {
        return Optional.ofNullable(upstreamRetryAfter);
    }
}
