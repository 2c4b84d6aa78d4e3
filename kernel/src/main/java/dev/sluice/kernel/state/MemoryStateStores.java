package dev.sluice.kernel.state;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.state.StateStore;
import dev.sluice.spi.state.StateStoreFactory;

/** {@code state: { store: memory }}, the default: a {@link MemoryStateStore}. Takes no settings. */
public final class MemoryStateStores implements StateStoreFactory {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public StateStore create(Settings settings, GatewayContext context) {
        return new MemoryStateStore(context.clock());
    }
}
