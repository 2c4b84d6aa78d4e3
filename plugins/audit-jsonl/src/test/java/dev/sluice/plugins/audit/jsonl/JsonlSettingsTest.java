package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonlSettingsTest {
    private static final Path HOME = Path.of("/srv/sluice");

    private static JsonlSettings read(Map<String, Object> values) {
        return JsonlSettings.read(Settings.of(Json.mapper().valueToTree(values)), HOME);
    }

    @Test
    void defaultsKeepEveryFileInDataAuditWithAnFsyncEverySecond() {
        assertThat(read(Map.of())).isEqualTo(new JsonlSettings(Path.of("/srv/sluice/data/audit"), 100L * 1024 * 1024,
                Duration.ofDays(1), 10_000, 512, FsyncPolicy.INTERVAL, Duration.ofSeconds(1), Optional.empty()));
    }

    @Test
    void readsEverySetting() {
        Settings settings = Settings.of(Json.mapper().valueToTree(Map.of("path", "/var/log/sluice",
                "max_file_size", "10MB", "rotate_every", "6h", "queue_capacity", 50_000, "batch_size", 128,
                "fsync", "batch", "fsync_interval", "250ms", "retention", "90d")));

        assertThat(JsonlSettings.read(settings, HOME)).isEqualTo(new JsonlSettings(Path.of("/var/log/sluice"),
                10L * 1024 * 1024, Duration.ofHours(6), 50_000, 128, FsyncPolicy.BATCH, Duration.ofMillis(250),
                Optional.of(Duration.ofDays(90))));
        assertThat(settings.unreadKeys()).isEmpty();
    }

    @Test
    void aRelativePathIsUnderTheGatewayHome() {
        assertThat(read(Map.of("path", "logs/../audit")).folder()).isEqualTo(Path.of("/srv/sluice/audit"));
    }

    @Test
    void leavesUnknownKeysForTheKernelToReport() {
        Settings settings = Settings.of(Json.mapper().valueToTree(Map.of("fsnyc", "batch")));

        JsonlSettings.read(settings, HOME);

        assertThat(settings.unreadKeys()).containsExactly("fsnyc");
    }

    @Test
    void rejectsAnUnknownFsyncPolicy() {
        assertThatThrownBy(() -> read(Map.of("fsync", "sometimes"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fsync").hasMessageContaining("expected batch, interval or never");
    }

    @Test
    void rejectsValuesThatCannotWork() {
        assertThatThrownBy(() -> read(Map.of("queue_capacity", 0))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("queue_capacity: must be at least 1");
        assertThatThrownBy(() -> read(Map.of("batch_size", -1))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch_size: must be at least 1");
        assertThatThrownBy(() -> read(Map.of("max_file_size", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_file_size");
        assertThatThrownBy(() -> read(Map.of("rotate_every", "0s"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rotate_every: must be longer than 0");
        assertThatThrownBy(() -> read(Map.of("fsync_interval", "0ms"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fsync_interval");
        assertThatThrownBy(() -> read(Map.of("retention", "0d"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("retention");
        assertThatThrownBy(() -> read(Map.of("path", " "))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> read(Map.of("max_file_size", "lots"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a size");
    }

    @Test
    void aFolderThatCannotBeCreatedIsAnErrorNamingThePathSetting(@org.junit.jupiter.api.io.TempDir Path home)
            throws Exception {
        java.nio.file.Files.writeString(home.resolve("taken"), "a file, not a folder");
        Settings settings = Settings.of(Json.mapper().valueToTree(Map.of("path", "taken/audit")));

        assertThatThrownBy(() -> new JsonlSink().open(settings, new TestContext(home, new TestClock(Records.T0))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("path: cannot open the audit folder");
    }
}
