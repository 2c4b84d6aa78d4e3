package dev.sluice.plugins.mock;

import dev.sluice.spi.UpstreamException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock's failure switch for demos and failover tests: a text of exactly {@code /error 503}
 * (any three-digit status) makes the mock fail as an upstream answering that status would.
 */
final class ErrorTrigger {
    private static final Pattern TRIGGER = Pattern.compile("/error ([1-5][0-9]{2})");

    private ErrorTrigger() {
    }

    /** The failure the text asks for, if it is a trigger. */
    static Optional<UpstreamException> in(String text, String provider) {
        Matcher m = TRIGGER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int status = Integer.parseInt(m.group(1));
        return Optional.of(new UpstreamException(status, isRetryable(status), "provider '" + provider
                + "' answered HTTP " + status + ": failure requested with /error " + status, null, null));
    }

    /** Whether another target, or a later try, may succeed after this status. */
    static boolean isRetryable(int status) {
        return UpstreamException.isRetryableStatus(status);
    }
}
