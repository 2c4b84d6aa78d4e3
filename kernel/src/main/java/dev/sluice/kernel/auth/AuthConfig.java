package dev.sluice.kernel.auth;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.spi.config.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How clients and administrators authenticate ({@code auth:}).
 *
 * @param mode whether model calls need a virtual key
 * @param masterKey the key of the admin API; without it the key and spend endpoints are closed
 * @param keyFile where virtual keys are kept (hashed), read at start-up
 */
public record AuthConfig(Mode mode, Optional<String> masterKey, Path keyFile) {
    /** The shortest master key accepted. */
    static final int MIN_MASTER_KEY = 16;

    /** Whether model calls need a key. */
    public enum Mode {
        /** No authentication: client keys are ignored, as if there were no virtual keys. */
        OFF,
        /** Every model call needs a valid, unexpired, unrevoked virtual key. */
        REQUIRED
    }

    /** No authentication, no master key, keys in {@code data/keys.json}. */
    public static AuthConfig defaults(Path home) {
        return new AuthConfig(Mode.OFF, Optional.empty(), home.resolve("data/keys.json").normalize());
    }

    @Override
    public String toString() {
        // Never print the master key.
        return "AuthConfig[mode=" + mode + ", masterKey=" + (masterKey.isPresent() ? "set" : "none") + ", keyFile="
                + keyFile + "]";
    }

    /** Reads {@code auth:}; {@code home} resolves a relative {@code key_file}. */
    public static AuthConfig read(Optional<Settings> section, Path home) {
        if (section.isEmpty()) {
            return defaults(home);
        }
        Settings s = section.get();
        // YAML reads an unquoted "off" as false.
        Mode mode = switch (s.string("mode").orElse("off").trim().toLowerCase(Locale.ROOT)) {
            case "off", "false" -> Mode.OFF;
            case "required" -> Mode.REQUIRED;
            default -> throw s.error("mode", "expected off or required");
        };
        Optional<String> master = s.string("master_key").filter(k -> !k.isBlank());
        if (master.isPresent() && master.get().length() < MIN_MASTER_KEY) {
            throw s.error("master_key", "must be at least " + MIN_MASTER_KEY + " characters long");
        }
        Path file = Path.of(s.string("key_file").orElse("data/keys.json"));
        ConfigReader.rejectUnknown(s);
        return new AuthConfig(mode, master, file.isAbsolute() ? file : home.resolve(file).normalize());
    }
}
