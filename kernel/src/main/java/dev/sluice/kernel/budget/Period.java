package dev.sluice.kernel.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** The period a budget counts over, in UTC: a calendar day, a calendar month, or all time. */
public enum Period {
    DAY(Duration.ofDays(2)),
    MONTH(Duration.ofDays(32)),
    TOTAL(Duration.ofDays(3650));

    private final Duration keep;

    Period(Duration keep) {
        this.keep = keep;
    }

    /** How long a counter of this period is kept: past the period's end, so late settlements land. */
    public Duration keep() {
        return keep;
    }

    /** The period containing {@code at}, as it appears in counter names: {@code 2025-01-31}, {@code 2025-01}, {@code all}. */
    public String label(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case DAY -> day.toString();
            case MONTH -> day.toString().substring(0, 7);
            case TOTAL -> "all";
        };
    }

    /** The name in the configuration. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A period by its configuration name. */
    public static Optional<Period> of(String name) {
        for (Period p : values()) {
            if (p.key().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
