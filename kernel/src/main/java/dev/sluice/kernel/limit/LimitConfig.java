package dev.sluice.kernel.limit;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The configured rate limits ({@code limits:}, a list), besides those each virtual key carries.
 *
 * @param rules the rules, in file order
 */
public record LimitConfig(List<LimitRule> rules) {
    private static final List<Scope> SCOPES = List.of(Scope.KEY, Scope.TEAM, Scope.MODEL);

    /** No configured limits. */
    public static final LimitConfig NONE = new LimitConfig(List.of());

    public LimitConfig {
        rules = List.copyOf(rules);
    }

    /** Reads {@code limits:}. */
    public static LimitConfig read(Settings root) {
        List<LimitRule> rules = new ArrayList<>();
        for (Settings r : root.list("limits")) {
            if (!r.isMapping()) {
                throw r.error("", "expected a mapping of keys to values");
            }
            Scope scope = Scope.of(r.requireString("scope"), SCOPES)
                    .orElseThrow(() -> r.error("scope", "expected one of key, team, model"));
            OptionalLong rpm = positive(r, "rpm");
            OptionalLong tpm = positive(r, "tpm");
            if (rpm.isEmpty() && tpm.isEmpty()) {
                throw r.error("", "a limit needs rpm, tpm or both");
            }
            rules.add(new LimitRule(scope, r.string("id").filter(v -> !v.isBlank()), rpm, tpm));
            ConfigReader.rejectUnknown(r);
        }
        return new LimitConfig(rules);
    }

    private static OptionalLong positive(Settings s, String key) {
        return s.integer(key).map(v -> {
            if (v < 1) {
                throw s.error(key, "must be at least 1");
            }
            return OptionalLong.of(v);
        }).orElse(OptionalLong.empty());
    }
}
