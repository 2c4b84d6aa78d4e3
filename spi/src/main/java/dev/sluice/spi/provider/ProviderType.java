package dev.sluice.spi.provider;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.config.Settings;

/**
 * A {@link ProviderAdapter} given by its type name and by how an entry of that type becomes a
 * provider. PF4J needs a class per extension, so each type stays a small {@code @Extension}
 * subclass:
 * <pre>{@code
 * @Extension
 * public class AcmeAdapter extends ProviderType {
 *     public AcmeAdapter() {
 *         super("acme", (name, settings, context) -> new AcmeProvider(name, AcmeConfig.read(settings), context));
 *     }
 * }
 * }</pre>
 */
public abstract class ProviderType implements ProviderAdapter {

    /** How a provider entry becomes a provider, with the contract of {@link ProviderAdapter#create}. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Builds a configured provider; see {@link ProviderAdapter#create}.
         *
         * @param name the provider entry's name
         * @param settings the entry's settings
         * @param context what the kernel offers extensions
         */
        Provider create(String name, Settings settings, GatewayContext context);
    }

    private final String type;
    private final Factory factory;

    /**
     * Names the type and how its providers are made.
     *
     * @param type the {@code type:} of the entries this adapter makes providers for
     * @param factory how such an entry becomes a provider
     */
    protected ProviderType(String type, Factory factory) {
        this.type = type;
        this.factory = factory;
    }

    /** The provider type, as written in {@code type:}. */
    @Override
    public final String name() {
        return type;
    }

    /** The provider the factory makes of the entry. */
    @Override
    public final Provider create(String name, Settings settings, GatewayContext context) {
        return factory.create(name, settings, context);
    }
}
