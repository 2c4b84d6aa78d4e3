package dev.sluice.kernel.audit;

import dev.sluice.spi.audit.AuditQuery;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The options of {@code sluice audit query|decrypt|verify}. */
record AuditOptions(AuditQuery query, Optional<String> groupBy, boolean json, Optional<String> keyEnv,
        Optional<Path> plugins) {

    private static final Set<String> GROUPS = Set.of("team", "project", "user", "model", "provider", "key", "day");

    static AuditOptions parse(List<String> args) {
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        Optional<String> team = Optional.empty();
        Optional<String> project = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<String> model = Optional.empty();
        Optional<String> session = Optional.empty();
        Optional<String> status = Optional.empty();
        Optional<String> guardrail = Optional.empty();
        Optional<Boolean> pii = Optional.empty();
        Optional<BigDecimal> costAbove = Optional.empty();
        int limit = 1000;
        Optional<String> groupBy = Optional.empty();
        boolean json = false;
        Optional<String> keyEnv = Optional.empty();
        Optional<Path> plugins = Optional.empty();
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String v = args.get(i + 1);
            switch (option) {
                case "--from" -> from = Optional.of(time(option, v));
                case "--to" -> to = Optional.of(time(option, v));
                case "--team" -> team = Optional.of(v);
                case "--project" -> project = Optional.of(v);
                case "--user" -> user = Optional.of(v);
                case "--model" -> model = Optional.of(v);
                case "--session" -> session = Optional.of(v);
                case "--status" -> {
                    if (!v.equals("ok") && !v.equals("error") && !v.matches("[1-5][0-9][0-9]")) {
                        throw new IllegalArgumentException("--status takes ok, error or an HTTP status");
                    }
                    status = Optional.of(v);
                }
                case "--guardrail" -> guardrail = Optional.of(v);
                case "--pii" -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new IllegalArgumentException("--pii takes true or false");
                    }
                    pii = Optional.of(Boolean.parseBoolean(v));
                }
                case "--cost-above" -> {
                    try {
                        costAbove = Optional.of(new BigDecimal(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--cost-above takes a number of US dollars");
                    }
                }
                case "--limit" -> {
                    try {
                        limit = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--limit takes a number");
                    }
                    if (limit < 1) {
                        throw new IllegalArgumentException("--limit must be at least 1");
                    }
                }
                case "--group-by" -> {
                    if (!GROUPS.contains(v)) {
                        throw new IllegalArgumentException("--group-by takes one of " + String.join(", ",
                                new java.util.TreeSet<>(GROUPS)));
                    }
                    groupBy = Optional.of(v);
                }
                case "--format" -> {
                    if (!v.equals("table") && !v.equals("json")) {
                        throw new IllegalArgumentException("--format takes table or json");
                    }
                    json = v.equals("json");
                }
                case "--key-env" -> keyEnv = Optional.of(v);
                case "--plugins" -> plugins = Optional.of(Path.of(v).toAbsolutePath());
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        AuditQuery query = new AuditQuery(from, to, team, project, user, model, session, status, guardrail, pii,
                costAbove, limit);
        return new AuditOptions(query, groupBy, json, keyEnv, plugins);
    }

    /** A date (midnight UTC) or an instant. */
    private static Instant time(String option, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes a date (2026-01-31) or an instant "
                    + "(2026-01-31T12:00:00Z)");
        }
    }
}
