package dev.sluice.spi;

import dev.sluice.spi.config.Settings;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for providers: one adapter per upstream API dialect, named by the
 * {@code type:} of a provider entry in the configuration.
 *
 * <pre>{@code
 * providers:
 *   - { name: openai, type: openai, api_key: ${OPENAI_API_KEY} }
 * }</pre>
 * For that entry the kernel finds the adapter whose {@link #name()} is {@code openai} and calls
 * {@link #create} with the entry's settings (everything but {@code name}, {@code type} and
 * {@code requires_env}, which the kernel reads).
 */
public interface ProviderAdapter extends ExtensionPoint {

    /** The provider type used in {@code type:}; unique across all plugins. */
    String name();

    /**
     * Builds a configured provider. Read every setting you accept; unread keys are reported as
     * unknown. Called once per provider entry per configuration load.
     *
     * @param name the provider entry's name
     * @param settings the entry's settings
     * @param context what the kernel offers extensions (its HTTP client above all)
     */
    Provider create(String name, Settings settings, GatewayContext context);
}
