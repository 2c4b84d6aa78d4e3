package dev.sluice.kernel.js;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * The settings a {@code js} chain step and a {@code js} routing strategy share:
 * <pre>{@code
 * file: tiers.js          # relative to the policies folder, $SLUICE_HOME/policies
 * on_error: fail          # or continue (chain step) / default (strategy)
 * timeout: 100ms          # per call
 * max_statements: 1000000 # per call
 * max_allocation: 64MB    # per call
 * time_zone: UTC          # the zone of ctx.time's hour, weekday, ...
 * }</pre>
 * The configuration's shorthand {@code - js: tiers.js} arrives as {@code value}.
 *
 * @param file the policy file, absolute
 * @param failOnError whether a failed call fails the request (else it continues or uses the
 *     route's own order)
 * @param limits the per-call limits
 * @param zone the zone of {@code ctx.time}
 */
public record PolicySettings(Path file, boolean failOnError, PolicyLimits limits, Optional<ZoneId> zone) {

    /**
     * Reads the settings.
     *
     * @param settings the step's settings or the route's {@code strategy_options}
     * @param context for {@code SLUICE_HOME}
     * @param lenient the {@code on_error} value that does not fail the request
     */
    static PolicySettings read(Settings settings, GatewayContext context, String lenient) {
        String file = settings.string("file").or(() -> settings.string("value")).filter(s -> !s.isBlank())
                .orElseThrow(() -> settings.error("file", "required: the policy file, e.g. file: tiers.js"));
        String onError = settings.string("on_error").orElse("fail");
        if (!Set.of("fail", lenient).contains(onError)) {
            throw settings.error("on_error", "expected fail or " + lenient + ", got \"" + onError + "\"");
        }
        Optional<ZoneId> zone = settings.string("time_zone").map(z -> {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw settings.error("time_zone", "unknown time zone \"" + z + "\" (e.g. UTC, Europe/Berlin)");
            }
        });
        return new PolicySettings(resolve(file, context), "fail".equals(onError), PolicyLimits.from(settings), zone);
    }

    /** A relative file resolves against {@code $SLUICE_HOME/policies} (the working folder when unset). */
    static Path resolve(String file, GatewayContext context) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        Path home = context.env("SLUICE_HOME").filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of(""));
        return home.toAbsolutePath().resolve("policies").resolve(path).normalize();
    }

    /** The file name, for messages. */
    String fileName() {
        return file.getFileName().toString();
    }
}
