package dev.sluice.spi;

import java.util.Optional;

/**
 * One try of one target while serving a request: what the failover executor did, for response
 * headers, metrics and the audit record.
 *
 * @param provider the provider name
 * @param model the upstream model
 * @param status the upstream HTTP status, or 0 when no answer came (connection failure, timeout)
 * @param error what went wrong, empty on success; never contains a secret
 * @param latencyMillis how long the try took
 */
public record Attempt(String provider, String model, int status, Optional<String> error, long latencyMillis) {

    /** Whether this try produced the answer. */
    public boolean succeeded() {
        return error.isEmpty();
    }
}
