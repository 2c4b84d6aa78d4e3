package dev.sluice.spi.audit;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for audit sinks: where the gateway writes its one record per request. A sink
 * is named by the {@code type:} of an entry under {@code audit.sinks}:
 *
 * <pre>{@code
 * audit:
 *   sinks:
 *     - { type: jsonl, path: data/audit }
 * }</pre>
 * For that entry the kernel finds the sink whose {@link #name()} is {@code jsonl} and calls
 * {@link #open} with the entry's settings (everything but {@code type}). The log it returns lives
 * until the gateway stops; a configuration reload that leaves the entry unchanged keeps it.
 *
 * <p>A sink that can read back what it wrote also answers {@link #store}, which
 * {@code sluice audit verify} and {@code sluice audit query} use.
 */
public interface AuditSink extends ExtensionPoint {

    /** The sink type used in {@code type:}; unique across all plugins. */
    String name();

    /**
     * Opens the log. Read every setting you accept; unread keys are reported as unknown.
     *
     * @param settings the entry's settings
     * @param context what the kernel offers extensions ({@link GatewayContext#home()} resolves relative paths)
     */
    AuditLog open(Settings settings, GatewayContext context);

    /**
     * Opens what this sink wrote at {@code location} for reading, when this sink understands
     * that location (a file or folder, a JDBC URL, …); empty when it does not.
     *
     * @param location what the user named on the command line
     */
    default Optional<AuditStore> store(String location) {
        return Optional.empty();
    }
}
