package dev.sluice.plugins.audit.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One audit database: the dialect, the URL handed to the driver, the credentials, and how to name
 * it in messages without a secret. Thread-safe; every {@link #connect} opens a new connection.
 */
final class Database implements Connector {
    private final Dialect dialect;
    private final String url;
    private final Properties credentials;
    private final String description;
    private final Redaction redaction;

    private Database(Dialect dialect, String url, Properties credentials, String description,
            Redaction redaction) {
        this.dialect = dialect;
        this.url = url;
        this.credentials = credentials;
        this.description = description;
        this.redaction = redaction;
    }

    /**
     * A SQLite database; a relative file path resolves against {@code home}. With
     * {@code createFolders}, the file's folders are created (a sink creates its database, a
     * reader wants an existing one).
     */
    static Database sqlite(String jdbcUrl, Path home, boolean createFolders) {
        JdbcUrl parsed = JdbcUrl.parse(jdbcUrl);
        String target = parsed.base().substring(SqliteDialect.URL_PREFIX.length());
        if (target.isEmpty() || target.equals(":memory:") || target.startsWith("file:")) {
            // In memory, or a SQLite URI: taken as written.
            return new Database(new SqliteDialect(), jdbcUrl, new Properties(), "SQLite database " + target,
                    Redaction.of(List.of()));
        }
        Path file = home.resolve(target).toAbsolutePath().normalize();
        if (createFolders) {
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of the audit database " + file, e);
            }
        } else if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no SQLite audit database at " + file);
        }
        String url = parsed.withBase(SqliteDialect.URL_PREFIX + file).toString();
        return new Database(new SqliteDialect(), url, new Properties(), "SQLite database " + file,
                Redaction.of(List.of()));
    }

    /**
     * A PostgreSQL database. The user and password may also ride in the URL
     * ({@code ?user=…&password=…}), which wins over the ones given here.
     */
    static Database postgres(String jdbcUrl, Optional<String> user, Optional<String> password) {
        JdbcUrl parsed = JdbcUrl.parse(jdbcUrl);
        Properties credentials = new Properties();
        user.filter(u -> !u.isEmpty()).ifPresent(u -> credentials.setProperty("user", u));
        password.filter(p -> !p.isEmpty()).ifPresent(p -> credentials.setProperty("password", p));
        List<String> secrets = new ArrayList<>();
        password.ifPresent(secrets::add);
        parsed.parameter("password").ifPresent(secrets::add);
        parsed.rawParameter("password").ifPresent(secrets::add);
        return new Database(new PostgresDialect(), jdbcUrl, credentials, "PostgreSQL database " + parsed.base(),
                Redaction.of(secrets));
    }

    Dialect dialect() {
        return dialect;
    }

    /** The database for messages: its file, or its URL without parameters (where credentials ride). */
    String description() {
        return description;
    }

    /** Masks this database's secrets in driver messages. */
    Redaction redaction() {
        return redaction;
    }

    @Override
    public Connection connect() throws SQLException {
        return dialect.connect(url, credentials);
    }

    @Override
    public String toString() {
        return description;
    }
}
