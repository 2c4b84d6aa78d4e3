package dev.sluice.plugins.audit.jsonl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When the writer forces written records to the disk. Whatever the policy, {@code flush()},
 * {@code close()} and every rotation force the file.
 */
enum FsyncPolicy {
    /** After every batch: an OS crash loses at most the batch being written. */
    BATCH,
    /** At most {@code fsync_interval} after a write: an OS crash loses at most that much time. */
    INTERVAL,
    /** Only on flush, rotation and close: the operating system writes back when it likes. */
    NEVER;

    /** The name used in the configuration. */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy of a configuration value, if there is one by that name. */
    static Optional<FsyncPolicy> of(String value) {
        return Arrays.stream(values()).filter(p -> p.configName().equals(value.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
