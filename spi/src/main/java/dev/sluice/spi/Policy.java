package dev.sluice.spi;

import dev.sluice.spi.config.Settings;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for chain steps. A policy is named in the {@code chain:} list of the
 * configuration, with or without settings:
 * <pre>{@code
 * chain:
 *   - request-tagger
 *   - guardrail: { type: pii, action: redact }
 * }</pre>
 * The kernel calls {@link #create} once per configuration load and keeps the step until the next
 * reload.
 *
 * <pre>{@code
 * @Extension
 * public class RequestTagger implements Policy {
 *     public String name() { return "request-tagger"; }
 *     public ChainStep create(Settings settings, GatewayContext context) {
 *         String tag = settings.string("tag").orElse("tagged");
 *         return chain -> {
 *             chain.exchange().responseHeader("x-tag", tag);
 *             return chain.proceed(chain.exchange());
 *         };
 *     }
 * }
 * }</pre>
 */
public interface Policy extends ExtensionPoint {

    /** The name used in the {@code chain:} list; unique across all plugins. */
    String name();

    /**
     * Builds the step from its settings. Read every setting you accept through {@code settings};
     * a key you do not read is reported to the user as unknown. Throw
     * {@link dev.sluice.spi.config.ConfigException} (via {@link Settings#error}) for bad values.
     */
    ChainStep create(Settings settings, GatewayContext context);
}
