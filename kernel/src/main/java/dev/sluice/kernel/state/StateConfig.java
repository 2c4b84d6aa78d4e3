package dev.sluice.kernel.state;

import dev.sluice.spi.config.Settings;
import java.util.Optional;

/**
 * Which {@link dev.sluice.spi.state.StateStore} keeps counters ({@code state:}).
 *
 * @param store the factory's name, {@code memory} by default
 * @param settings the section's other keys, for the factory
 */
public record StateConfig(String store, Settings settings) {

    /** Reads {@code state:}. */
    public static StateConfig read(Optional<Settings> section) {
        if (section.isEmpty()) {
            return new StateConfig("memory", Settings.empty("state"));
        }
        Settings s = section.get();
        return new StateConfig(s.string("store").orElse("memory"), s);
    }
}
