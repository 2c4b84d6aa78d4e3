package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSettingsTest {
    @TempDir
    Path home;

    @Test
    void defaultsWriteTheDefaultChainToAnSqliteFileUnderHome() {
        SinkSettings s = read(Json.mapper().createObjectNode());
        assertThat(s.database().dialect()).isInstanceOf(SqliteDialect.class);
        assertThat(s.database().description()).isEqualTo("SQLite database " + home.resolve("data/audit.db"));
        assertThat(home.resolve("data")).isDirectory();
        assertThat(s.tables()).isEqualTo(new Tables("sluice_audit", "sluice_audit_guardrails"));
        assertThat(s.chain()).isEqualTo("default");
        assertThat(s.queueCapacity()).isEqualTo(10_000);
        assertThat(s.batchSize()).isEqualTo(256);
        assertThat(s.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everySettingIsReadSoNoneIsReportedUnknown() {
        ObjectNode node = Json.mapper().createObjectNode().put("url", "jdbc:postgresql://127.0.0.1:5432/audit")
                .put("user", "sluice").put("password", "s3cret").put("table", "audit_eu").put("chain", "eu-1")
                .put("queue_capacity", 50).put("batch_size", 10).put("close_timeout", "5s");
        Settings settings = Settings.of(node);
        SinkSettings s = SinkSettings.read(settings, new FakeContext(home));
        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(s.database().dialect()).isInstanceOf(PostgresDialect.class);
        assertThat(s.database().description()).isEqualTo("PostgreSQL database jdbc:postgresql://127.0.0.1:5432/audit");
        assertThat(s.tables().records()).isEqualTo("audit_eu");
        assertThat(s.chain()).isEqualTo("eu-1");
        assertThat(s.queueCapacity()).isEqualTo(50);
        assertThat(s.batchSize()).isEqualTo(10);
        assertThat(s.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRefused() {
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("table", "audit; DROP TABLE x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("table")
                .hasMessageContaining("plain SQL identifier");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefused() {
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("url", "jdbc:mysql://h/db?password=x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("jdbc:sqlite: or jdbc:postgresql:")
                .hasMessageNotContaining("password=x");
    }

    @Test
    void aPasswordForSqliteIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("password", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only a PostgreSQL database");
    }

    @Test
    void sizesBelowOneAreRefused() {
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("queue_capacity", 0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("queue_capacity");
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("batch_size", -1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("batch_size");
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("close_timeout", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("close_timeout");
        assertThatThrownBy(() -> read(Json.mapper().createObjectNode().put("chain", " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chain");
    }

    private SinkSettings read(ObjectNode node) {
        return SinkSettings.read(Settings.of(node), new FakeContext(home));
    }
}
