package dev.sluice.kernel.cache;

import java.util.Locale;
import java.util.Optional;

/** Who may share cached answers. */
public enum CacheScope {
    /** Callers with the same virtual key; without keys, the same user identity. */
    KEY,
    /** The same user identity ({@code user} field, {@code x-sluice-user} or the key's user). */
    USER,
    /** The same team. */
    TEAM,
    /** Everyone. */
    GLOBAL;

    /** The scope named in the configuration. */
    public static Optional<CacheScope> named(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
