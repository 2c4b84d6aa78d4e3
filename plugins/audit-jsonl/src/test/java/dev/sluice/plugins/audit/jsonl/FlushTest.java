package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStats;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlushTest {
    @TempDir
    Path home;

    private final TestClock clock = new TestClock(Records.T0);

    @ParameterizedTest
    @ValueSource(strings = {"batch", "interval", "never"})
    void flushReturnsOnceEverythingAcceptedIsWritten(String fsync) throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("fsync", fsync, "fsync_interval", "1h"))) {
            for (int i = 0; i < 1000; i++) {
                log.write(Records.record("req-" + i));
            }
            log.flush();

            assertThat(Sinks.requestIds(home.resolve("audit"))).hasSize(1000);
            AuditStats stats = log.stats();
            assertThat(stats.written()).isEqualTo(1000);
            assertThat(stats.queued()).isZero();
        }
    }

    @Test
    void closeWritesEverythingStillQueued() throws Exception {
        AuditLog log = Sinks.open(home, clock, Map.of("fsync", "never", "batch_size", 1));
        for (int i = 0; i < 500; i++) {
            log.write(Records.record("req-" + i));
        }
        log.close();

        assertThat(Sinks.requestIds(home.resolve("audit"))).hasSize(500);
        assertThat(log.stats()).isEqualTo(new AuditStats(0, 10_000, 500, 0, 0, 0));
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        AuditLog log = Sinks.open(home, clock, Map.of());
        log.write(Records.record("req-1"));
        log.close();
        log.close();

        assertThat(Sinks.requestIds(home.resolve("audit"))).containsExactly("req-1");
    }

    @Test
    void flushAfterCloseReturnsAtOnce() throws Exception {
        AuditLog log = Sinks.open(home, clock, Map.of());
        log.close();

        log.flush();
    }
}
