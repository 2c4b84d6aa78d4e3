package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.VerifyReport;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Opening the sink the way the kernel does, and reading back what it wrote. */
final class Sinks {
    private Sinks() {
    }

    /** Opens a {@code jsonl} sink under {@code home} with the given settings (the folder is {@code audit}). */
    static AuditLog open(Path home, Clock clock, Map<String, Object> settings) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(Map.of("path", "audit"));
        all.putAll(settings);
        Settings parsed = Settings.of(Json.mapper().valueToTree(all));
        AuditLog log = new JsonlSink().open(parsed, new TestContext(home, clock));
        assertThat(parsed.unreadKeys()).isEmpty();
        return log;
    }

    /** The sink's files, in write order. */
    static List<Path> files(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.toString().endsWith(".jsonl"))
                    .sorted((a, b) -> SegmentName.WRITE_ORDER.compare(a.getFileName().toString(),
                            b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of a file in bytes. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every file, in write order, as links. */
    static List<AuditChain.Link> links(Path folder) {
        List<AuditChain.Link> links = new ArrayList<>();
        for (Path file : files(folder)) {
            try {
                Files.readAllLines(file).forEach(line -> links.add(AuditChain.parseLine(line)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return links;
    }

    /** The request ids of every record, in write order. */
    static List<String> requestIds(Path folder) {
        return links(folder).stream().map(l -> l.record().requestId()).toList();
    }

    /** What {@code sluice audit verify} reports for the location. */
    static VerifyReport verify(Path location) {
        try (AuditStore store = new JsonlSink().store(location.toString()).orElseThrow()) {
            return store.verify();
        }
    }

    /** Waits for a condition, polling, and fails after the deadline. */
    static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
