package dev.sluice.kernel.state;

import dev.sluice.kernel.auth.KeyStore;
import dev.sluice.kernel.budget.BudgetAlerts;
import dev.sluice.kernel.spend.SpendLedger;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.state.StateStore;

/**
 * What keys, budgets, limits and spend keep across configuration reloads: the state store, the
 * virtual keys, the spend ledger and the alert sender. Opened once at start-up from the first
 * configuration's {@code state} and {@code auth.key_file} (changing those takes a restart).
 *
 * @param store counters, windows and reservations
 * @param keys the virtual keys
 * @param ledger settled spend
 * @param alerts soft-cap alerts
 */
public record GatewayState(StateStore store, KeyStore keys, SpendLedger ledger, BudgetAlerts alerts)
        implements AutoCloseable {

    /** The state of a serving gateway: the configured store, and the key file. */
    public static GatewayState open(Governance governance, GatewayContext context) {
        StateStore store = StateStores.open(governance.state(), context);
        try {
            return new GatewayState(store, KeyStore.open(governance.auth().keyFile(), context.clock()),
                    new SpendLedger(context.clock()), new BudgetAlerts());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** State that touches no file: a memory store and no keys (for checks and tests). */
    public static GatewayState detached(GatewayContext context) {
        return new GatewayState(new MemoryStateStore(context.clock()), KeyStore.inMemory(context.clock()),
                new SpendLedger(context.clock()), new BudgetAlerts());
    }

    @Override
    public void close() {
        store.close();
    }
}
