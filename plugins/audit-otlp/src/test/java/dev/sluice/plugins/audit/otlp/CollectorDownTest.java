package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStats;
import dev.sluice.testkit.HangingServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectorDownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void writeNeverWaitsForAStuckCollectorAndCountsWhatItDrops() throws InterruptedException {
        try (HangingServer stuck = HangingServer.start()) {
            ObjectNode settings = Fixtures.JSON.createObjectNode()
                    .put("endpoint", "http://127.0.0.1:" + stuck.port())
                    .put("queue_capacity", 100)
                    .put("batch_size", 20)
                    .put("export_interval", "10ms")
                    .put("timeout", "500ms");
            AuditLog log = Fixtures.open(settings);
            log.write(Fixtures.chat("req-first").build());
            assertThat(stuck.awaitConnections(1, WAIT)).isTrue(); // the exporter is now stuck in a request

            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                log.write(Fixtures.chat("req-" + i).build());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(2));
            AuditStats stats = log.stats();
            assertThat(stats.queued()).isEqualTo(100);
            assertThat(stats.dropped()).isEqualTo(10_000 - 100);
            assertThat(stats.waits()).isZero();
            assertThat(stats.written()).isZero();

            long closing = System.nanoTime();
            log.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
            assertThat(log.stats().dropped()).as("everything that was accepted and never exported")
                    .isEqualTo(10_001);
            assertThat(log.stats().queued()).isZero();
        }
    }

    @Test
    void collectorThatRefusesConnectionsIsRetriedThenTheBatchIsDropped() throws Exception {
        ObjectNode settings = Fixtures.JSON.createObjectNode()
                .put("endpoint", "http://127.0.0.1:" + closedPort())
                .put("export_interval", "10ms")
                .put("retry_max_attempts", 3)
                .put("retry_initial_backoff", "5ms")
                .put("retry_max_backoff", "20ms");
        try (AuditLog log = Fixtures.open(settings)) {
            log.write(Fixtures.chat("req-1").build());

            Fixtures.await(() -> log.stats().dropped() == 1, WAIT, "the record dropped");

            assertThat(log.stats().failed()).isEqualTo(3);
            assertThat(log.stats().written()).isZero();
        }
    }

    @Test
    void closeGivesUpOnADownCollectorWithinItsTimeout() throws Exception {
        ObjectNode settings = Fixtures.JSON.createObjectNode()
                .put("endpoint", "http://127.0.0.1:" + closedPort())
                .put("export_interval", "1h")
                .put("timeout", "300ms")
                .put("retry_initial_backoff", "1h")
                .put("retry_max_backoff", "1h");
        AuditLog log = Fixtures.open(settings);
        for (int i = 0; i < 50; i++) {
            log.write(Fixtures.chat("req-" + i).build());
        }

        long start = System.nanoTime();
        log.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(log.stats().dropped()).isEqualTo(50);
        assertThat(log.stats().queued()).isZero();
    }

    /** A port nothing listens on: bound once, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
