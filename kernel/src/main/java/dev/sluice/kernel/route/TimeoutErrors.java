package dev.sluice.kernel.route;

import dev.sluice.spi.Target;
import dev.sluice.spi.UpstreamException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The failures the failover executor declares itself when a target takes too long. They are
 * {@link UpstreamException}s with no status and a timeout cause, so they fail over like a
 * connection timeout and, when nothing else answers, reach the client as 504.
 */
final class TimeoutErrors {
    private TimeoutErrors() {
    }

    /** No complete answer, or no first chunk of a stream, within {@code first_token_timeout}. */
    static UpstreamException firstToken(Target target, Duration limit, boolean stream) {
        return timeout(target, (stream ? "sent no first chunk within " : "did not answer within ")
                + millis(limit) + " (first_token_timeout)");
    }

    /** A stream sent nothing for {@code stall_timeout}. */
    static UpstreamException stalled(Target target, Duration limit) {
        return timeout(target, "stalled: no chunk for " + millis(limit) + " (stall_timeout)");
    }

    /** The request's {@code total_timeout} ran out while the attempt was running. */
    static UpstreamException budget(Target target, Duration limit) {
        return timeout(target, "was still running when the request's total_timeout of " + millis(limit)
                + " ran out");
    }

    private static UpstreamException timeout(Target target, String what) {
        return new UpstreamException(0, true, "provider '" + target.provider() + "' (" + target.model() + ") " + what,
                null, new SocketTimeoutException(what));
    }

    static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
