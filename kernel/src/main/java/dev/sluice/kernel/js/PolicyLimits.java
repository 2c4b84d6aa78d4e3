package dev.sluice.kernel.js;

import dev.sluice.spi.config.Settings;
import java.time.Duration;

/**
 * What one call of a policy hook may spend before it is stopped: wall-clock time, JavaScript
 * statements, and bytes allocated by the thread running it.
 *
 * <pre>{@code
 * chain:
 *   - js: { file: tiers.js, timeout: 50ms, max_statements: 100000, max_allocation: 16MB }
 * }</pre>
 *
 * @param timeout the wall-clock limit of one call
 * @param maxStatements the statements one call may execute
 * @param maxAllocation the bytes one call may allocate
 */
public record PolicyLimits(Duration timeout, long maxStatements, long maxAllocation) {

    /**
     * The defaults: 1 s (a backstop: the statement limit stops runaway loops much sooner, and a
     * tight wall-clock limit would fail calls that a garbage collection merely paused), one
     * million statements, 64 MB.
     */
    public static final PolicyLimits DEFAULT = new PolicyLimits(Duration.ofSeconds(1), 1_000_000, 64L << 20);

    public PolicyLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxStatements < 1 || maxAllocation < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Reads {@code timeout}, {@code max_statements} and {@code max_allocation}, each optional. */
    static PolicyLimits from(Settings settings) {
        Duration timeout = settings.duration("timeout").orElse(DEFAULT.timeout);
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw settings.error("timeout", "must be between 1ms and 10s");
        }
        long statements = settings.integer("max_statements").map(Integer::longValue).orElse(DEFAULT.maxStatements);
        if (statements < 1000) {
            throw settings.error("max_statements", "must be at least 1000");
        }
        long allocation = settings.size("max_allocation").orElse(DEFAULT.maxAllocation);
        if (allocation < (1L << 20)) {
            throw settings.error("max_allocation", "must be at least 1MB");
        }
        return new PolicyLimits(timeout, statements, allocation);
    }
}
