package dev.sluice.kernel.budget;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.config.Settings;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Spend caps and how they are enforced ({@code budgets:}).
 *
 * @param defaultMaxTokens the output tokens reserved for a request that sets no {@code max_tokens}
 * @param unpriced what to do when a request under a hard cap may go to a model without a price
 * @param alertWebhook where soft-cap alerts are posted, if anywhere
 * @param caps the configured caps
 */
public record BudgetConfig(int defaultMaxTokens, Unpriced unpriced, Optional<URI> alertWebhook, List<BudgetCap> caps) {
    static final List<Scope> SCOPES = List.of(Scope.KEY, Scope.TEAM, Scope.PROJECT, Scope.USER, Scope.TAG,
            Scope.SESSION);

    public BudgetConfig {
        caps = List.copyOf(caps);
    }

    /** A request that may be served by a model without a price, under a hard cap. */
    public enum Unpriced {
        /** Reject it: the cap could not be kept. */
        REJECT,
        /** Serve it with nothing reserved for unpriced targets; its cost is unknown and not counted. */
        ALLOW
    }

    /** No caps; 4096 output tokens by default; unpriced models rejected under a hard cap. */
    public static final BudgetConfig DEFAULT = new BudgetConfig(4096, Unpriced.REJECT, Optional.empty(), List.of());

    /** Reads {@code budgets:}. */
    public static BudgetConfig read(Optional<Settings> section) {
        if (section.isEmpty()) {
            return DEFAULT;
        }
        Settings s = section.get();
        int maxTokens = s.integer("default_max_tokens").orElse(4096);
        if (maxTokens < 1) {
            throw s.error("default_max_tokens", "must be at least 1");
        }
        Unpriced unpriced = switch (s.string("unpriced").orElse("reject").trim().toLowerCase(Locale.ROOT)) {
            case "reject" -> Unpriced.REJECT;
            case "allow" -> Unpriced.ALLOW;
            default -> throw s.error("unpriced", "expected reject or allow");
        };
        Optional<URI> webhook = s.string("alert_webhook").filter(u -> !u.isBlank()).map(u -> url(s, u));
        List<BudgetCap> caps = new ArrayList<>();
        for (Settings c : s.list("caps")) {
            caps.add(cap(c));
        }
        ConfigReader.rejectUnknown(s);
        return new BudgetConfig(maxTokens, unpriced, webhook, caps);
    }

    private static BudgetCap cap(Settings c) {
        if (!c.isMapping()) {
            throw c.error("", "expected a mapping of keys to values");
        }
        Scope scope = Scope.of(c.requireString("scope"), SCOPES).orElseThrow(() -> c.error("scope",
                "expected one of key, team, project, user, tag, session"));
        Optional<String> id = c.string("id").filter(v -> !v.isBlank());
        Period period = Period.of(c.string("period").orElse("month"))
                .orElseThrow(() -> c.error("period", "expected day, month or total"));
        OptionalLong hard = usd(c, "hard_usd");
        OptionalLong soft = usd(c, "soft_usd");
        if (hard.isEmpty() && soft.isEmpty()) {
            throw c.error("", "a cap needs hard_usd, soft_usd or both");
        }
        ConfigReader.rejectUnknown(c);
        return new BudgetCap(scope, id, period, hard, soft);
    }

    /** A dollar amount of the configuration as nano-dollars. */
    static OptionalLong usd(Settings s, String key) {
        Optional<String> text = s.string(key);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text.get().trim());
            if (value.signum() < 0) {
                throw s.error(key, "must not be negative");
            }
            return OptionalLong.of(Money.nanos(value));
        } catch (NumberFormatException | ArithmeticException e) {
            throw s.error(key, "expected an amount of US dollars such as 25 or 0.50");
        }
    }

    private static URI url(Settings s, String text) {
        try {
            URI uri = URI.create(text.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw s.error("alert_webhook", "expected an http:// or https:// URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw s.error("alert_webhook", "expected an http:// or https:// URL");
        }
    }
}
