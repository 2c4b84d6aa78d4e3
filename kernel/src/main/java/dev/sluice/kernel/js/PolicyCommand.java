package dev.sluice.kernel.js;

import dev.sluice.spi.Caller;
import dev.sluice.spi.TargetHealth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code sluice policy test FILE.js --request REQ.json [options]}: runs each hook the file exports
 * on the request and prints what it decided.
 */
public final class PolicyCommand {
    static final String USAGE = """
            usage: sluice policy test FILE.js --request REQ.json [options]
              --request FILE     the request body (chat or embeddings JSON)
              --response FILE    a chat completion for onResponse()
              --meta KEY=VALUE   caller metadata: key, team, project, user, session, tags (a,b); repeatable
              --target P/MODEL   a target of the route route() orders; repeatable, in configured order
              --route NAME       the route's name (default: the request's model)
              --health P/MODEL=STATE[:LATENCY_MS]  a target's health: healthy, degraded, open, half_open
              --time ISO-8601    the time the policy sees (default: now)
              --zone ZONE        the zone of ctx.time (default: UTC)
              --spend FIELD=USD  a field of ctx.spend, e.g. session_usd=4.8; repeatable""";

    private PolicyCommand() {
    }

    /** Runs the command; returns the exit status (0 all hooks ran, 1 one failed, 2 usage). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.get(0).equals("test") || args.size() < 2 || args.get(1).startsWith("--")) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(args.get(1)).toAbsolutePath();
        Optional<Path> response = Optional.empty();
        PolicyProbe probe;
        try {
            Options options = Options.parse(args.subList(2, args.size()));
            probe = options.probe();
            response = options.response;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (PolicyEngine engine = new PolicyEngine(1, Duration.ofHours(1), 0)) {
            PolicyTester tester = new PolicyTester(engine, file);
            out.println("policy " + tester.name() + " exports " + String.join(", ",
                    tester.hooks().stream().sorted().map(h -> h + "()").toList()) + " (GraalJS "
                    + engine.runtimeDescription() + ")");
            boolean ok = true;
            if (tester.hooks().contains("route")) {
                ok &= report(out, "route()", () -> describe(tester.route(probe)));
            }
            if (tester.hooks().contains("onRequest")) {
                ok &= report(out, "onRequest()", () -> describe(tester.onRequest(probe)));
            }
            if (tester.hooks().contains("onResponse")) {
                if (response.isEmpty()) {
                    out.println("onResponse(): not run (give --response FILE)");
                } else {
                    String json = read(response.get());
                    ok &= report(out, "onResponse()", () -> describe(tester.onResponse(probe, json)));
                }
            }
            return ok ? 0 : 1;
        } catch (PolicyException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static boolean report(PrintStream out, String hook, Supplier<List<String>> run) {
        try {
            List<String> lines = run.get();
            out.println(hook + ": " + lines.get(0));
            lines.subList(1, lines.size()).forEach(line -> out.println("  " + line));
            return true;
        } catch (PolicyException e) {
            out.println(hook + ": FAILED " + e.getMessage());
            return false;
        }
    }

    private static List<String> describe(RouteVerdict verdict) {
        List<String> lines = new ArrayList<>();
        if (verdict.route().isPresent()) {
            lines.add("switch to model route " + verdict.route().get());
        } else {
            lines.add(verdict.order().isEmpty() ? "no target (the request would fail with 503)"
                    : String.join(" -> ", verdict.order()));
        }
        verdict.logs().forEach(line -> lines.add("log: " + line));
        return lines;
    }

    private static List<String> describe(RequestVerdict verdict) {
        List<String> lines = new ArrayList<>();
        if (verdict.rejected()) {
            lines.add("reject " + verdict.status().orElseThrow() + " \"" + verdict.message().orElseThrow() + "\"");
        } else if (!verdict.changed() && verdict.tags().isEmpty()) {
            lines.add("continue unchanged");
        } else {
            lines.add("continue with changes");
            if (verdict.changed()) {
                lines.add("request: " + verdict.requestJson());
            }
        }
        if (!verdict.tags().isEmpty()) {
            lines.add("tags added: " + String.join(", ", verdict.tags()));
        }
        verdict.logs().forEach(line -> lines.add("log: " + line));
        return lines;
    }

    private static List<String> describe(ResponseVerdict verdict) {
        List<String> lines = new ArrayList<>();
        lines.add(verdict.tags().isEmpty() ? "no tags" : "tags added: " + String.join(", ", verdict.tags()));
        verdict.logs().forEach(line -> lines.add("log: " + line));
        return lines;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The parsed options. */
    private static final class Options {
        private Optional<Path> request = Optional.empty();
        private Optional<Path> response = Optional.empty();
        private Caller caller = Caller.ANONYMOUS;
        private final List<String> targets = new ArrayList<>();
        private final List<String[]> health = new ArrayList<>();
        private final List<String[]> spend = new ArrayList<>();
        private Optional<String> route = Optional.empty();
        private Instant time = Instant.now();
        private ZoneId zone = ZoneId.of("UTC");

        static Options parse(List<String> args) {
            Options options = new Options();
            for (int i = 0; i < args.size(); i += 2) {
                String option = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                options.set(option, args.get(i + 1));
            }
            if (options.request.isEmpty()) {
                throw new IllegalArgumentException("--request is required");
            }
            return options;
        }

        private void set(String option, String value) {
            switch (option) {
                case "--request" -> request = Optional.of(Path.of(value));
                case "--response" -> response = Optional.of(Path.of(value));
                case "--meta" -> meta(value);
                case "--target" -> targets.add(value);
                case "--route" -> route = Optional.of(value);
                case "--health" -> health.add(value.split("=", 2));
                case "--spend" -> spend.add(value.split("=", 2));
                case "--time" -> time = parseTime(value);
                case "--zone" -> {
                    try {
                        zone = ZoneId.of(value);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("unknown zone " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }

        private void meta(String pair) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--meta takes KEY=VALUE, got " + pair);
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            caller = switch (key) {
                case "key" -> caller.withKeyId(value);
                case "team" -> caller.withTeam(value);
                case "project" -> caller.withProject(value);
                case "user" -> caller.withUser(value);
                case "session" -> caller.withSession(value);
                case "tags" -> {
                    List<String> tags = new ArrayList<>(caller.tags());
                    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(tags::add);
                    yield caller.withTags(tags);
                }
                default -> throw new IllegalArgumentException("unknown --meta key " + key
                        + " (known: key, team, project, user, session, tags)");
            };
        }

        private static Instant parseTime(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--time takes an ISO-8601 instant such as 2026-01-05T22:00:00Z");
            }
        }

        PolicyProbe probe() throws IOException {
            PolicyProbe probe = PolicyProbe.of(read(request.orElseThrow())).withCaller(caller).at(time).inZone(zone)
                    .withTargets(targets);
            if (route.isPresent()) {
                probe = probe.onRoute(route.get());
            }
            for (String[] entry : health) {
                probe = probe.withHealth(entry[0], health(entry));
            }
            for (String[] entry : spend) {
                probe = probe.withSpend(entry[0], usd(entry));
            }
            return probe;
        }

        private static double usd(String[] entry) {
            try {
                if (entry.length == 2) {
                    return Double.parseDouble(entry[1]);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--spend takes FIELD=USD, e.g. session_usd=4.8");
        }

        private static TargetHealth health(String[] entry) {
            if (entry.length != 2) {
                throw new IllegalArgumentException("--health takes provider/model=STATE[:LATENCY_MS]");
            }
            String[] parts = entry[1].split(":", 2);
            TargetHealth.State state;
            try {
                state = TargetHealth.State.valueOf(parts[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown health state " + parts[0]
                        + " (known: healthy, degraded, open, half_open)");
            }
            Duration latency = parts.length == 2 ? Duration.ofMillis(Long.parseLong(parts[1])) : Duration.ZERO;
            return new TargetHealth(state, 10, state == TargetHealth.State.OPEN ? 1 : 0, latency, Duration.ZERO,
                    latency);
        }
    }
}
