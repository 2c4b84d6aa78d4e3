package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {
    @TempDir
    Path folder;

    private final SqlAuditSink sink = new SqlAuditSink();

    @Test
    void claimsJdbcUrlsOfBothDatabases() throws IOException {
        Path file = Files.createFile(folder.resolve("audit.data"));
        assertThat(sink.store("jdbc:sqlite:" + file)).isPresent();
        assertThat(sink.store("jdbc:postgresql://127.0.0.1:5432/audit?user=u&password=p")).isPresent();
    }

    @Test
    void claimsSqliteFilesByTheirExtension() throws IOException {
        for (String name : new String[] {"a.db", "b.sqlite", "c.sqlite3", "D.DB"}) {
            Path file = Files.createFile(folder.resolve(name));
            assertThat(sink.store(file.toString())).as(name).isPresent();
        }
    }

    @Test
    void leavesOtherLocationsToOtherSinks() {
        assertThat(sink.store(folder.resolve("audit").toString())).isEmpty();
        assertThat(sink.store(folder.resolve("audit-2026-11-25.jsonl").toString())).isEmpty();
        assertThat(sink.store("http://127.0.0.1:4318")).isEmpty();
        assertThat(sink.store("jdbc:mysql://127.0.0.1/audit")).isEmpty();
    }

    @Test
    void aMissingFileIsAnErrorAndIsNotCreated() {
        Path missing = folder.resolve("missing.db");
        assertThatThrownBy(() -> sink.store(missing.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SQLite audit database at " + missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFileWithoutTheTablesIsAnErrorNamingTheTable() throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.db"));
        try (var store = sink.store("jdbc:sqlite:" + empty + "?table=audit_eu").orElseThrow()) {
            assertThatThrownBy(store::verify).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no audit table audit_eu");
        }
    }

    @Test
    void postgresCredentialsComeFromTheEnvironmentWhenTheUrlHasNone() {
        Optional<SqlAuditStore> store = StoreLocation.open("jdbc:postgresql://127.0.0.1:1/audit",
                name -> Optional.of(name.equals(StoreLocation.USER_VARIABLE) ? "auditor" : "pa55"));
        assertThat(store).isPresent();
    }
}
