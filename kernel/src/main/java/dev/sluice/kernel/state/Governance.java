package dev.sluice.kernel.state;

import dev.sluice.kernel.auth.AuthConfig;
import dev.sluice.kernel.budget.BudgetConfig;
import dev.sluice.kernel.limit.LimitConfig;
import dev.sluice.spi.config.Settings;
import java.nio.file.Path;

/**
 * Who may call, and how much: the {@code auth}, {@code state}, {@code budgets} and {@code limits}
 * sections of the configuration.
 *
 * @param auth authentication and the key file
 * @param state the state store
 * @param budgets spend caps
 * @param limits rate limits
 */
public record Governance(AuthConfig auth, StateConfig state, BudgetConfig budgets, LimitConfig limits) {

    /** Everything off: no authentication, memory store, no caps, no limits. */
    public static Governance defaults(Path home) {
        return new Governance(AuthConfig.defaults(home), StateConfig.read(java.util.Optional.empty()),
                BudgetConfig.DEFAULT, LimitConfig.NONE);
    }

    /** Reads the four sections of the root mapping; {@code home} resolves {@code auth.key_file}. */
    public static Governance read(Settings root, Path home) {
        return new Governance(AuthConfig.read(root.child("auth"), home), StateConfig.read(root.child("state")),
                BudgetConfig.read(root.child("budgets")), LimitConfig.read(root));
    }
}
