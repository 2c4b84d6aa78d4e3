package dev.sluice.kernel.state;

import dev.sluice.spi.Caller;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a budget or rate limit is counted per. */
public enum Scope {
    KEY, TEAM, PROJECT, USER, TAG, SESSION, MODEL;

    /** The name in the configuration and in counter names. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The caller's values for this scope: none, one, or (for tags) several; {@code model} is the requested model. */
    public List<String> valuesOf(Caller caller, String model) {
        return switch (this) {
            case KEY -> list(caller.keyId());
            case TEAM -> list(caller.team());
            case PROJECT -> list(caller.project());
            case USER -> list(caller.user());
            case SESSION -> list(caller.session());
            case TAG -> caller.tags();
            case MODEL -> List.of(model);
        };
    }

    private static List<String> list(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).map(List::of).orElse(List.of());
    }

    /** A scope by its configuration name, among those allowed. */
    public static Optional<Scope> of(String name, List<Scope> allowed) {
        return allowed.stream().filter(s -> s.key().equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
