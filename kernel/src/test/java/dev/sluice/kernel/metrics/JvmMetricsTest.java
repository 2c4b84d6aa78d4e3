package dev.sluice.kernel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.route.health.HealthTracker;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JVM and virtual-thread meters, bound by start() and released by close(). */
class JvmMetricsTest {
    private final GatewayMetrics metrics = new GatewayMetrics(new HealthTracker(Clock.systemUTC()));

    @AfterEach
    void close() {
        metrics.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void noJvmMetersBeforeStart() {
        assertThat(metrics.scrape()).doesNotContain("jvm_memory_used_bytes");
    }

    @Test
    void startBindsMemoryGcThreadsClassesProcessorAndUptime() {
        metrics.start();

        Samples s = Samples.parse(metrics.scrape());

        assertThat(s.has("jvm_memory_used_bytes")).isTrue();
        assertThat(s.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        assertThat(s.has("jvm_threads_live_threads")).isTrue();
        assertThat(s.has("jvm_classes_loaded_classes")).isTrue();
        assertThat(s.has("process_cpu_usage")).isTrue();
        assertThat(s.has("process_uptime_seconds")).isTrue();
    }

    @Test
    void virtualThreadMetersAppearOnceTheirJfrStreamRuns() throws InterruptedException {
        metrics.start();

        await(metrics::virtualThreadMetersBound, "virtual-thread meters bound");
        Samples s = Samples.parse(metrics.scrape());

        assertThat(s.has("jvm_threads_virtual_pinned_seconds_count")).isTrue();
        assertThat(s.has("jvm_threads_virtual_submit_failed_total")).isTrue();
        // JDK 24 and later expose the scheduler's figures too.
        if (Runtime.version().feature() >= 24) {
            assertThat(s.has("jvm_threads_virtual_live_threads")).isTrue();
            assertThat(s.has("jvm_threads_virtual_parallelism")).isTrue();
        }
    }

    /** Blocks in its static initializer: a virtual thread running it stays pinned to its carrier. */
    static final class SlowToInitialize {
        static {
            LockSupport.parkNanos(50_000_000L);
        }

        static void touch() {
        }
    }

    @Test
    void aPinnedVirtualThreadIsCountedFromItsJfrEvent() throws InterruptedException {
        metrics.start();
        await(metrics::virtualThreadMetersBound, "virtual-thread meters bound");

        Thread.ofVirtual().start(SlowToInitialize::touch).join();

        await(() -> Samples.parse(metrics.scrape()).value("jvm_threads_virtual_pinned_seconds_count") >= 1,
                "the pinned event counted");
    }

    @Test
    void closeStopsTheJfrStreamAndLaterStartsDoNothing() throws InterruptedException {
        Set<Thread> before = jfrStreams();
        metrics.start();
        await(metrics::virtualThreadMetersBound, "virtual-thread meters bound");
        Set<Thread> started = new HashSet<>(jfrStreams());
        started.removeAll(before);

        metrics.close();
        metrics.start();

        assertThat(metrics.virtualThreadMetersBound()).isFalse();
        assertThat(started).isNotEmpty();
        await(() -> started.stream().noneMatch(Thread::isAlive), "the JFR stream's thread ended");
    }

    /** The JFR stream threads alive: not daemons, so each would keep the JVM from exiting. */
    private static Set<Thread> jfrStreams() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("JFR Event Stream") && !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }
}
