package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A gateway stand-in for {@link CrashRecoveryTest}: opens a {@code jsonl} sink in the folder given
 * as the first argument and writes records {@code crash-0}, {@code crash-1}, … as fast as it can,
 * printing each request id once {@code write} has accepted it, until it is killed.
 */
public final class CrashChild {
    /** The queue capacity the child runs with: the most records a kill may lose. */
    static final int QUEUE_CAPACITY = 1000;

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Settings settings = Settings.of(Json.mapper().valueToTree(Map.of("path", "audit", "queue_capacity",
                QUEUE_CAPACITY, "batch_size", 64, "max_file_size", "2MB")));
        AuditLog log = new JsonlSink().open(settings, new TestContext(home, Clock.systemUTC()));
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        for (long i = 0; ; i++) {
            String id = "crash-" + i;
            log.write(Records.record(id));
            out.println(id);
            if (i % 64 == 0) {
                out.flush();
            }
        }
    }
}
