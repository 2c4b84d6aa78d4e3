package dev.sluice.spi.audit;

/**
 * One try of one target, as the audit record keeps it.
 *
 * @param provider the provider name
 * @param model the upstream model
 * @param status the upstream HTTP status, or 0 when no answer came
 * @param error what went wrong, or {@code null} on success; never a secret
 * @param latencyMs how long the try took, in milliseconds
 */
public record AuditAttempt(String provider, String model, int status, String error, long latencyMs) {
}
