package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditSink;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * The {@code jsonl} audit sink: append-only JSON Lines files, one hash-chained record per line
 * ({@link dev.sluice.spi.audit.AuditChain}), the chain running on from file to file.
 *
 * <pre>{@code
 * audit:
 *   sinks:
 *     - type: jsonl
 *       path: data/audit          # relative to the gateway's home
 *       max_file_size: 100MB
 *       rotate_every: 1d
 *       fsync: interval           # batch | interval | never
 *       fsync_interval: 1s
 *       retention: 90d            # leave out to keep every file
 * }</pre>
 *
 * Files are named {@code audit-20261125T101500Z-000001.jsonl} and sort in write order.
 * {@code write} never drops a record: it waits while {@code queue_capacity} records are accepted
 * but not yet written. A process killed with {@code kill -9} loses at most those; an operating
 * system crash also loses what was written since the last fsync. On open, an end left incomplete
 * by a crash is cut off and the chain continues from the last whole record.
 *
 * <p>{@link #store} claims a folder holding {@code *.jsonl} files, or one {@code .jsonl} file, for
 * {@code sluice audit verify} and {@code sluice audit query}.
 */
@Extension
public class JsonlSink implements AuditSink {

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public AuditLog open(Settings settings, GatewayContext context) {
        JsonlSettings parsed = JsonlSettings.read(settings, context.home());
        try {
            return JsonlLog.open(parsed, context.clock());
        } catch (IOException e) {
            throw settings.error(JsonlSettings.PATH, "cannot open the audit folder " + parsed.folder() + " (" + e + ")");
        }
    }

    @Override
    public Optional<AuditStore> store(String location) {
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(SegmentName.SUFFIX)) {
            return Optional.of(JsonlStore.ofFile(path));
        }
        if (Files.isDirectory(path) && holdsJsonLines(path)) {
            return Optional.of(JsonlStore.ofFolder(path));
        }
        return Optional.empty();
    }

    private static boolean holdsJsonLines(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.anyMatch(p -> p.getFileName().toString().endsWith(SegmentName.SUFFIX)
                    && Files.isRegularFile(p));
        } catch (IOException e) {
            return false;
        }
    }
}
