package dev.sluice.kernel.route;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Target;
import dev.sluice.spi.UpstreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The failures of one request's attempts, and the error the client gets once nothing answered:
 * 504 when the time budget ran out or every attempt timed out, 429 with the soonest
 * {@code Retry-After} when every attempt was rate-limited, else 502. The message names each
 * target and what happened to it, never a key.
 */
final class FailureSummary {
    private final List<String> lines = new ArrayList<>(2);
    private final List<UpstreamException> errors = new ArrayList<>(2);

    void add(Target target, UpstreamException e) {
        lines.add(target.label() + ": " + e.getMessage());
        errors.add(e);
    }

    /**
     * The error for the client.
     *
     * @param route the route's name
     * @param attempts how many attempts were made
     * @param budgetSpent the {@code total_timeout} when it ran out, else empty
     */
    GatewayException exhausted(String route, int attempts, Optional<Duration> budgetSpent) {
        String detail = String.join("; ", lines);
        if (budgetSpent.isPresent()) {
            return new GatewayException(ErrorType.TIMEOUT, "model '" + route + "' ran out of its total_timeout of "
                    + TimeoutErrors.millis(budgetSpent.get()) + " after " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + (lines.isEmpty() ? "" : ": " + detail))
                    .withCode("upstream_timeout");
        }
        if (errors.isEmpty()) {
            return new GatewayException(ErrorType.UNAVAILABLE, "model '" + route + "' has no target to try")
                    .withCode("no_target");
        }
        String message = (attempts == 1 ? "the only attempt" : "all " + attempts + " attempts") + " of model '" + route
                + "' failed: " + detail;
        if (errors.stream().allMatch(e -> e.upstreamStatus() == 429)) {
            GatewayException limited = new GatewayException(ErrorType.RATE_LIMIT, message).withCode("rate_limit_exceeded");
            Optional<Duration> soonest = errors.stream().flatMap(e -> e.upstreamRetryAfter().stream())
                    .min(Comparator.naturalOrder());
            return soonest.map(limited::withRetryAfter).orElse(limited);
        }
        if (errors.stream().allMatch(e -> e.type() == ErrorType.TIMEOUT)) {
            return new GatewayException(ErrorType.TIMEOUT, message).withCode("upstream_timeout");
        }
        return new GatewayException(ErrorType.UPSTREAM, message).withCode("upstream_error");
    }
}
