package dev.sluice.plugins.audit.sql;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which locations on the command line are this sink's: {@code jdbc:sqlite:…} and
 * {@code jdbc:postgresql:…} URLs, and files named {@code *.db}, {@code *.sqlite} or
 * {@code *.sqlite3}. A {@code table=} parameter in the URL names another table than
 * {@code sluice_audit} (and is not passed to the driver). PostgreSQL credentials ride in the URL
 * ({@code ?user=…&password=…}) or come from {@code SLUICE_AUDIT_DB_USER} and
 * {@code SLUICE_AUDIT_DB_PASSWORD}.
 */
final class StoreLocation {
    static final String USER_VARIABLE = "SLUICE_AUDIT_DB_USER";
    static final String PASSWORD_VARIABLE = "SLUICE_AUDIT_DB_PASSWORD";

    private StoreLocation() {
    }

    /** The store at a location, or empty when the location is not this sink's. */
    static Optional<SqlAuditStore> open(String location, Function<String, Optional<String>> env) {
        String trimmed = location.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String url;
        if (lower.startsWith(SqliteDialect.URL_PREFIX) || lower.startsWith(PostgresDialect.URL_PREFIX)) {
            url = trimmed;
        } else if (lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3")) {
            url = SqliteDialect.URL_PREFIX + trimmed;
        } else {
            return Optional.empty();
        }
        JdbcUrl parsed = JdbcUrl.parse(url);
        String table = parsed.parameter("table").orElse(Tables.DEFAULT);
        Tables tables = Tables.named(table).orElseThrow(() -> new IllegalArgumentException(
                "the table= of the location must be " + Tables.rule()));
        String driverUrl = parsed.without("table").toString();
        Database database = lower.startsWith(PostgresDialect.URL_PREFIX)
                ? Database.postgres(driverUrl, env.apply(USER_VARIABLE), env.apply(PASSWORD_VARIABLE))
                : Database.sqlite(driverUrl, Path.of("").toAbsolutePath(), false);
        return Optional.of(new SqlAuditStore(database, tables));
    }
}
