package dev.sluice.kernel.state;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.state.StateStore;
import dev.sluice.spi.state.StateStoreFactory;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens the store {@code state.store} names, from the {@link StateStoreFactory} extensions on the
 * host class path ({@code META-INF/services/dev.sluice.spi.state.StateStoreFactory}); the kernel's
 * own {@code memory} store is registered there.
 */
public final class StateStores {
    private StateStores() {
    }

    /** The configured store; throws a configuration error for an unknown name or setting. */
    public static StateStore open(StateConfig config, GatewayContext context) {
        TreeMap<String, StateStoreFactory> known = new TreeMap<>();
        for (StateStoreFactory f : ServiceLoader.load(StateStoreFactory.class, StateStores.class.getClassLoader())) {
            known.putIfAbsent(f.name(), f);
        }
        StateStoreFactory factory = known.get(config.store());
        if (factory == null) {
            throw config.settings().error("store", "unknown state store \"" + config.store() + "\" (known: "
                    + String.join(", ", known.keySet()) + ")");
        }
        StateStore store = factory.create(config.settings(), context);
        ConfigReader.rejectUnknown(config.settings(), "for state store " + config.store());
        return store;
    }
}
