package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The sink on an embedded SQLite file. */
class SqliteAuditTest extends SqlAuditSuite {

    @Override
    String url() {
        return "jdbc:sqlite:" + home.resolve("audit.db");
    }

    @Override
    void credentials(ObjectNode settings) {
        // A file needs none.
    }

    @Override
    String location(String table) {
        return url() + "?table=" + table;
    }

    @Test
    void theDefaultDatabaseIsAFileUnderTheGatewayHomeInFoldersItCreates() throws Exception {
        try (AuditLog log = new SqlAuditSink().open(Settings.of(Json.mapper().createObjectNode()),
                new FakeContext(home))) {
            log.write(Records.simple("a", at(1)));
        }
        Path file = home.resolve("data/audit.db");
        assertThat(file).isRegularFile();
        try (AuditStore store = new SqlAuditSink().store(file.toString()).orElseThrow()) {
            assertThat(store.verify().records()).isEqualTo(1);
        }
    }

    @Test
    void theFileIsWrittenInWalModeWithNormalSynchronous() throws Exception {
        writeAll(settings(), simpleRecords(2));
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rows = s.executeQuery("PRAGMA synchronous")) {
                assertThat(rows.getInt(1)).isEqualTo(1); // NORMAL
            }
        }
    }

    @Test
    void closeLeavesNoWriteAheadLogBehind() throws Exception {
        writeAll(settings(), simpleRecords(50));
        // The last connection's close checkpoints the log into the file: one file to copy or archive.
        assertThat(Files.exists(home.resolve("audit.db-wal"))).isFalse();
    }
}
