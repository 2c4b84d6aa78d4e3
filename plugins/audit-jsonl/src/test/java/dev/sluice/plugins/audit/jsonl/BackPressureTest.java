package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackPressureTest {
    @TempDir
    Path home;

    private final TestClock clock = new TestClock(Records.T0);

    @Test
    void writersWaitWhileTheQueueIsFullAndNothingIsLost() throws Exception {
        AuditLog log = Sinks.open(home, clock, Map.of("queue_capacity", 4, "batch_size", 2));
        clock.hold(); // the writer thread stops before its first write
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        log.write(Records.record("req-" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            Sinks.await("writers wait for room", Duration.ofSeconds(10),
                    () -> log.stats().waits() >= 4 && log.stats().queued() == 4);
            AuditStats held = log.stats();
            assertThat(held.written()).isZero();
            assertThat(held.capacity()).isEqualTo(4);
            assertThat(writers).noneMatch(Future::isDone);

            clock.release();
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        log.close();

        AuditStats stats = log.stats();
        assertThat(stats.written()).isEqualTo(40);
        assertThat(stats.queued()).isZero();
        assertThat(stats.dropped()).isZero();
        assertThat(stats.waits()).isGreaterThanOrEqualTo(4);
        assertThat(Sinks.requestIds(home.resolve("audit"))).hasSize(40).doesNotHaveDuplicates();
        assertThat(Sinks.verify(home.resolve("audit")).ok()).isTrue();
    }

    @Test
    void writeAfterCloseFailsInsteadOfLosingTheRecord() throws Exception {
        AuditLog log = Sinks.open(home, clock, Map.of());
        log.write(Records.record("req-1"));
        log.close();

        assertThatThrownBy(() -> log.write(Records.record("req-2"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(Sinks.requestIds(home.resolve("audit"))).containsExactly("req-1");
    }

    @Test
    void anInterruptedWaitingWriterIsToldItsRecordWasNotAccepted() throws Exception {
        AuditLog log = Sinks.open(home, clock, Map.of("queue_capacity", 1));
        clock.hold();
        log.write(Records.record("req-1"));
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                log.write(Records.record("req-2"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Sinks.await("the second writer waits", Duration.ofSeconds(10), () -> log.stats().waits() == 1);
        waiting.interrupt();
        waiting.join();
        clock.release();
        log.close();

        assertThat(Sinks.requestIds(home.resolve("audit"))).containsExactly("req-1");
        assertThat(log.stats().written()).isEqualTo(1);
    }
}
