package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.VerifyReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL in the middle of a burst: the sink opened again repairs the folder,
 * the chain continues and verifies, and nothing older than the documented window is missing.
 */
class CrashRecoveryTest {
    private static final int KILL_AFTER = 10_000;

    @TempDir
    Path home;

    @Test
    void aKilledWriterLosesAtMostTheQueueAndTheChainContinuesAfterRepair() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), home.toString())
                .redirectError(home.resolve("child.log").toFile()).start();
        List<String> reported = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (String line = out.readLine(); line != null && reported.size() < KILL_AFTER; line = out.readLine()) {
                reported.add(line);
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            assertThatThrownBy(() -> Sinks.open(home, Clock.systemUTC(), Map.of()))
                    .as("a second writer on the folder while the child writes")
                    .hasMessageContaining("another process is writing audit records to");
            // SIGKILL through the handle: Process.destroyForcibly would also close the pipe, and what
            // the child printed before it died is still in it.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("crash-")) {
                    reported.add(line);
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(reported).as("records the child reported accepted (see child.log)")
                .hasSizeGreaterThanOrEqualTo(KILL_AFTER);

        try (AuditLog log = Sinks.open(home, Clock.systemUTC(), Map.of())) {
            for (int i = 0; i < 100; i++) {
                log.write(Records.record("after-" + i));
            }
        }

        List<String> ids = Sinks.requestIds(home.resolve("audit"));
        List<String> survivors = ids.subList(0, ids.size() - 100);
        // One writer thread in the child: what survived is a prefix of what it accepted, in order.
        // isEqualTo: AssertJ's containsExactly compares large lists in quadratic time.
        assertThat(survivors).isEqualTo(IntStream.range(0, survivors.size()).mapToObj(i -> "crash-" + i).toList());
        assertThat(survivors.size()).isGreaterThanOrEqualTo(reported.size() - CrashChild.QUEUE_CAPACITY);
        assertThat(ids.subList(survivors.size(), ids.size()))
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "after-" + i).toList());
        VerifyReport report = Sinks.verify(home.resolve("audit"));
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.anchored()).isTrue();
        assertThat(report.records()).isEqualTo(ids.size());
        assertThat(Files.exists(home.resolve("child.log"))).isTrue();
    }
}
