package dev.sluice.kernel.audit;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditSink;
import dev.sluice.spi.audit.AuditStats;
import dev.sluice.spi.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's audit trail: the sinks opened at start (they live until shutdown; changing them
 * takes a restart) and whoever else watches each request's record (metrics). For each request
 * that ends, {@link #record} builds the one audit record and hands it to every sink, after the
 * client has its answer. A sink may make the caller wait when its queue is full; a sink that
 * throws is logged and the others still get the record.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private final List<Opened> logs;
    private final List<Consumer<AuditRecord>> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Opened(String name, AuditLog log) {
    }

    private AuditTrail(List<Opened> logs) {
        this.logs = List.copyOf(logs);
    }

    /** A trail with no sinks. */
    public static AuditTrail none() {
        return new AuditTrail(List.of());
    }

    /**
     * Opens every configured sink; on a failure closes those already open and throws.
     *
     * @throws ConfigException for an unknown sink type or bad sink settings
     */
    public static AuditTrail open(AuditConfig config, ExtensionCatalog catalog, GatewayContext context) {
        List<Opened> opened = new ArrayList<>();
        try {
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (AuditConfig.SinkEntry entry : config.sinks()) {
                AuditSink sink = ExtensionCatalog.find(catalog.auditSinks(), entry.type()).orElseThrow(() ->
                        entry.settings().error("type", "unknown audit sink type \"" + entry.type() + "\" (known: "
                                + ExtensionCatalog.known(catalog.auditSinks()) + ")"));
                AuditLog log = sink.open(entry.settings(), context);
                int n = seen.merge(entry.type(), 1, Integer::sum);
                opened.add(new Opened(n == 1 ? entry.type() : entry.type() + "-" + n, log));
                ConfigReader.rejectUnknown(entry.settings(), "for audit sink " + entry.type());
            }
        } catch (RuntimeException e) {
            opened.forEach(o -> closeQuietly(o));
            throw e;
        }
        return new AuditTrail(opened);
    }

    /** Adds a watcher of every record (metrics); it must be quick and must not throw. */
    public void observe(Consumer<AuditRecord> observer) {
        observers.add(observer);
    }

    /** Each sink's name and counters, for metrics. */
    public void sinks(BiConsumer<String, Supplier<AuditStats>> each) {
        for (Opened o : logs) {
            each.accept(o.name(), o.log()::stats);
        }
    }

    /**
     * Builds the record of a request that ended and hands it to the watchers and the sinks.
     * Never throws: a failure here must not reach the client, who has the answer already.
     */
    public void record(RequestEnd end, AuditConfig config) {
        AuditRecord record;
        try {
            record = AuditRecords.of(end, config, System.nanoTime(), !logs.isEmpty());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + end.requestId() + ": the audit record could not be built", e);
            return;
        }
        for (Consumer<AuditRecord> observer : observers) {
            try {
                observer.accept(record);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request " + end.requestId() + ": a record watcher failed", e);
            }
        }
        for (Opened o : logs) {
            try {
                o.log().write(record);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warning("request " + end.requestId() + ": interrupted while audit sink " + o.name()
                        + " was full; the record was not accepted");
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "request " + end.requestId() + ": audit sink " + o.name()
                        + " refused the record", e);
            }
        }
    }

    /** Whether any sink is configured. */
    public boolean active() {
        return !logs.isEmpty();
    }

    /** Flushes and closes every sink. */
    @Override
    public void close() {
        logs.forEach(AuditTrail::closeQuietly);
    }

    private static void closeQuietly(Opened o) {
        try {
            o.log().close();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "audit sink " + o.name() + " failed to close cleanly", e);
        }
    }
}
