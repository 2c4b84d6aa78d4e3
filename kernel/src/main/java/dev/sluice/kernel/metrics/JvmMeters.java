package dev.sluice.kernel.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM's meters: memory, garbage collection, threads, class loading, processor, uptime, open
 * files, and virtual threads. The virtual-thread meters read JFR events
 * ({@code jdk.VirtualThreadPinned}, {@code jdk.VirtualThreadSubmitFailed}) from a recording
 * stream; starting one takes from a tenth of a second to a second, so it starts on a thread of
 * its own and its meters appear once it runs. JFR records those events only when a virtual
 * thread pins or fails to start, so requests pay nothing for it.
 *
 * <p>{@link #close()} stops the recording stream (whose thread would keep the JVM alive) and the
 * garbage-collection listeners; the meters stay registered with their last values.
 */
final class JvmMeters implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JvmMeters.class.getName());

    private final MeterRegistry registry;
    private final List<AutoCloseable> open = new ArrayList<>();
    private boolean started;
    private boolean closed;

    JvmMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds the meters; the virtual-thread ones a moment later. Idempotent; nothing once closed. */
    synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        open.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Thread.ofPlatform().daemon().name("sluice-virtual-thread-metrics").start(this::startVirtualThreadMeters);
    }

    private void startVirtualThreadMeters() {
        VirtualThreadMetrics meters;
        try {
            meters = new VirtualThreadMetrics();
        } catch (RuntimeException | LinkageError e) {
            // JFR can be switched off (-XX:-FlightRecorder) or missing from a trimmed runtime.
            LOG.log(Level.INFO, "virtual-thread metrics are off: JFR is not available", e);
            return;
        }
        synchronized (this) {
            if (closed) {
                meters.close();
                return;
            }
            meters.bindTo(registry);
            open.add(meters);
        }
    }

    /** Whether the virtual-thread meters are bound (their recording stream runs). */
    synchronized boolean virtualThreadsBound() {
        return open.stream().anyMatch(VirtualThreadMetrics.class::isInstance);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not release " + c.getClass().getSimpleName(), e);
            }
        }
        open.clear();
    }
}
