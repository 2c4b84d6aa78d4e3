package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of one {@code sql} sink entry.
 *
 * @param database where to write
 * @param tables the tables
 * @param chain the chain this gateway writes (one per gateway sharing a database)
 * @param queueCapacity records queued before writers wait
 * @param batchSize records per transaction, at most
 * @param closeTimeout how long {@code close()} waits for a database that does not answer before it
 *     gives up on what is still queued
 */
record SinkSettings(Database database, Tables tables, String chain, int queueCapacity, int batchSize,
        Duration closeTimeout) {
    static final String DEFAULT_URL = "jdbc:sqlite:data/audit.db";
    static final String DEFAULT_CHAIN = "default";
    static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    static final int DEFAULT_BATCH_SIZE = 256;
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int LONGEST_CHAIN = 200;

    /** Reads and checks every setting; errors name the key. */
    static SinkSettings read(Settings settings, GatewayContext context) {
        String url = settings.string("url").map(String::strip).orElse(DEFAULT_URL);
        Optional<String> user = settings.string("user");
        Optional<String> password = settings.string("password");
        Database database;
        if (url.startsWith(SqliteDialect.URL_PREFIX)) {
            if (user.isPresent() || password.isPresent()) {
                throw settings.error(user.isPresent() ? "user" : "password",
                        "only a PostgreSQL database takes a user and password; this url is SQLite");
            }
            database = Database.sqlite(url, context.home(), true);
        } else if (url.startsWith(PostgresDialect.URL_PREFIX)) {
            database = Database.postgres(url, user, password);
        } else {
            throw settings.error("url", "expected a jdbc:sqlite: or jdbc:postgresql: URL, got \""
                    + JdbcUrl.parse(url).base() + "\"");
        }
        String table = settings.string("table").map(String::strip).orElse(Tables.DEFAULT);
        Tables tables = Tables.named(table)
                .orElseThrow(() -> settings.error("table", "expected " + Tables.rule() + ", got \"" + table + "\""));
        String chain = settings.string("chain").map(String::strip).orElse(DEFAULT_CHAIN);
        if (chain.isEmpty() || chain.length() > LONGEST_CHAIN) {
            throw settings.error("chain", "expected a name of 1 to " + LONGEST_CHAIN + " characters");
        }
        int capacity = settings.integer("queue_capacity").orElse(DEFAULT_QUEUE_CAPACITY);
        if (capacity < 1) {
            throw settings.error("queue_capacity", "must be 1 or more, got " + capacity);
        }
        int batch = settings.integer("batch_size").orElse(DEFAULT_BATCH_SIZE);
        if (batch < 1) {
            throw settings.error("batch_size", "must be 1 or more, got " + batch);
        }
        Duration closeTimeout = settings.duration("close_timeout").orElse(DEFAULT_CLOSE_TIMEOUT);
        if (closeTimeout.isZero()) {
            throw settings.error("close_timeout", "must be longer than 0");
        }
        return new SinkSettings(database, tables, chain, capacity, batch, closeTimeout);
    }
}
