package dev.sluice.kernel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.route.health.HealthTracker;
import dev.sluice.spi.audit.AuditRecord;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Counting a request is cheap: a loop over realistic records, timed and its allocations
 * measured. The bounds are loose so that a busy machine passes; the figures go to the log.
 */
class RequestCostTest {
    private static final Logger LOG = Logger.getLogger(RequestCostTest.class.getName());

    @Test
    void countingARequestTakesMicrosecondsAndAllocatesAlmostNothing() {
        GatewayMetrics metrics = new GatewayMetrics(new HealthTracker(Clock.systemUTC()));
        AuditRecord[] records = {
            Records.served().team("search").costUsd(new BigDecimal("0.00123")).cacheStatus("miss").build(),
            Records.served().team("ads").costUsd(new BigDecimal("0.0004")).stream(true).timeToFirstTokenMs(40.0)
                    .build(),
            Records.served().provider("anthropic").route("claude").latencyMs(900).build(),
            Records.rejected(429, "rate_limit_exceeded").build(),
        };
        for (int i = 0; i < 200_000; i++) {
            metrics.request(records[i & 3]);
        }

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 1_000_000;
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            metrics.request(records[i & 3]);
        }
        double nanosPerRequest = (System.nanoTime() - start) / (double) n;
        double bytesPerRequest = (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / (double) n;
        LOG.info(() -> "GatewayMetrics.request: %.0f ns and %.1f bytes per request".formatted(nanosPerRequest,
                bytesPerRequest));

        assertThat(nanosPerRequest).isLessThan(20_000);
        assertThat(bytesPerRequest).isLessThan(256);
    }
}
