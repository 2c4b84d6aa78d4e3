package dev.sluice.spi.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads when an upstream says to retry, the way OpenAI's SDKs do: {@code retry-after-ms}
 * (milliseconds, OpenAI's own and more precise) wins over {@code retry-after} (seconds, or an
 * HTTP date per RFC 9110).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The delay the headers ask for; empty when they name none or none that can be read.
     *
     * @param header a response header by case-insensitive name
     * @param clock the clock an HTTP date is measured against
     */
    public static Optional<Duration> parse(Function<String, Optional<String>> header, Clock clock) {
        Optional<Duration> millis = header.apply("retry-after-ms").flatMap(v -> number(v))
                .map(ms -> Duration.ofMillis(Math.round(ms)));
        if (millis.isPresent()) {
            return millis;
        }
        return header.apply("retry-after").flatMap(value -> number(value)
                .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000)))
                .or(() -> date(value, clock)));
    }

    private static Optional<Double> number(String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            return parsed >= 0 && Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> date(String value, Clock clock) {
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            // A date in the past means "now", not "never".
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
