package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many records a second the writer thread sustains with the default settings
 * ({@code fsync: interval}): producers keep the queue full, and the time runs from the first
 * write to the end of {@code close()} (everything written and forced). Also the cost of the JSON
 * and hash of one record alone, the writer's main work. Not a test; run by hand:
 *
 * <pre>{@code
 * ./mvnw -o -q install -pl plugins/audit-jsonl
 * ./mvnw -o -q dependency:build-classpath -pl plugins/audit-jsonl -Dmdep.outputFile=target/test-classpath.txt
 * cd plugins/audit-jsonl
 * java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" \
 *     dev.sluice.plugins.audit.jsonl.WriterThroughput [records, default 1000000] [folder, default a new temporary one]
 * }</pre>
 */
public final class WriterThroughput {
    private WriterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path home = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sluice-audit-bench");
        AuditRecord sample = Records.record("req-0");
        System.out.printf("record line: %d bytes%n", AuditChain.link(sample, 1, AuditChain.GENESIS).line().length);

        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            String hash = AuditChain.GENESIS;
            for (int i = 0; i < 200_000; i++) {
                hash = AuditChain.link(sample, i + 1, hash).hash();
            }
            double perRecord = (System.nanoTime() - start) / 200_000.0 / 1000;
            System.out.printf("JSON + SHA-256 alone: %.2f us per record (%.0f records/s)%n", perRecord,
                    1_000_000 / perRecord);
        }

        for (int round = 0; round < 3; round++) {
            Path folder = home.resolve("round-" + round);
            AuditLog log = Sinks.open(folder, Clock.systemUTC(), Map.of());
            int producers = 8;
            long start = System.nanoTime();
            try (ExecutorService threads = Executors.newFixedThreadPool(producers)) {
                List<Future<?>> done = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    int producer = p;
                    done.add(threads.submit(() -> {
                        for (int i = producer; i < records; i += producers) {
                            log.write(Records.record("req-" + i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            log.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            AuditStats stats = log.stats();
            long bytes = Sinks.files(folder.resolve("audit")).stream().mapToLong(Sinks::size).sum();
            System.out.printf("writer, fsync=interval: %d records in %.2f s = %.0f records/s, %.0f MB/s, waits %d%n",
                    stats.written(), seconds, stats.written() / seconds, bytes / seconds / 1e6, stats.waits());
        }
    }
}
