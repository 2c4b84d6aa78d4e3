package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.VerifyReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritesTest {
    private static final int THREADS = 64;
    private static final int PER_THREAD = 100;

    @TempDir
    Path home;

    @Test
    void everyRecordFromManyThreadsIsWrittenOnceAndTheChainVerifies() throws Exception {
        List<String> sent = new ArrayList<>();
        try (AuditLog log = Sinks.open(home, Clock.systemUTC(), Map.of("queue_capacity", 256, "batch_size", 64));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                for (int i = 0; i < PER_THREAD; i++) {
                    sent.add("req-" + thread + "-" + i);
                }
                done.add(threads.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        log.write(Records.record("req-" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        List<AuditChain.Link> links = Sinks.links(home.resolve("audit"));
        List<String> ids = links.stream().map(l -> l.record().requestId()).toList();
        assertThat(ids).hasSize(THREADS * PER_THREAD);
        assertThat(new HashSet<>(ids)).hasSize(ids.size()).isEqualTo(new HashSet<>(sent));
        // isEqualTo: AssertJ's containsExactly compares large lists in quadratic time.
        assertThat(links.stream().map(AuditChain.Link::seq).toList())
                .isEqualTo(LongStream.rangeClosed(1, ids.size()).boxed().toList());
        VerifyReport report = Sinks.verify(home.resolve("audit"));
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.anchored()).isTrue();
        assertThat(report.records()).isEqualTo(ids.size());
    }

    @Test
    void eachWriterThreadsRecordsKeepTheirOrder() throws Exception {
        try (AuditLog log = Sinks.open(home, Clock.systemUTC(), Map.of("queue_capacity", 16, "batch_size", 4));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        log.write(Records.record("req-" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        List<String> ids = Sinks.requestIds(home.resolve("audit"));
        for (int t = 0; t < 8; t++) {
            String prefix = "req-" + t + "-";
            List<String> mine = ids.stream().filter(id -> id.startsWith(prefix)).toList();
            assertThat(mine).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 200).mapToObj(i -> prefix + i).toList());
        }
    }
}
