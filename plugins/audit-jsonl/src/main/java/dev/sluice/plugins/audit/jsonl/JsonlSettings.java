package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.config.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of one {@code jsonl} sink entry, read and checked once.
 *
 * @param folder where the files go, resolved against the gateway's home
 * @param maxFileSize a file is closed before it would grow past this many bytes
 * @param rotateEvery a file is closed once it is this old
 * @param queueCapacity records accepted but not yet written before callers wait
 * @param batchSize the most records written with one write call
 * @param fsync when written records are forced to the disk
 * @param fsyncInterval how long written records may wait for a force under {@link FsyncPolicy#INTERVAL}
 * @param retention files whose newest record is older than this are deleted; empty keeps all
 */
record JsonlSettings(Path folder, long maxFileSize, Duration rotateEvery, int queueCapacity, int batchSize,
        FsyncPolicy fsync, Duration fsyncInterval, Optional<Duration> retention) {

    static final String PATH = "path";
    static final String MAX_FILE_SIZE = "max_file_size";
    static final String ROTATE_EVERY = "rotate_every";
    static final String QUEUE_CAPACITY = "queue_capacity";
    static final String BATCH_SIZE = "batch_size";
    static final String FSYNC = "fsync";
    static final String FSYNC_INTERVAL = "fsync_interval";
    static final String RETENTION = "retention";

    static final String DEFAULT_PATH = "data/audit";
    static final long DEFAULT_MAX_FILE_SIZE = 100L * 1024 * 1024;
    static final Duration DEFAULT_ROTATE_EVERY = Duration.ofDays(1);
    static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    static final int DEFAULT_BATCH_SIZE = 512;
    static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.INTERVAL;
    static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);

    /** Reads every key the sink accepts; a bad value throws an error naming file, line and key. */
    static JsonlSettings read(Settings settings, Path home) {
        String path = settings.string(PATH).orElse(DEFAULT_PATH);
        if (path.isBlank()) {
            throw settings.error(PATH, "must name a folder");
        }
        Path folder;
        try {
            folder = home.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw settings.error(PATH, "is not a valid path: " + e.getReason());
        }
        long maxFileSize = settings.size(MAX_FILE_SIZE).orElse(DEFAULT_MAX_FILE_SIZE);
        if (maxFileSize < 1) {
            throw settings.error(MAX_FILE_SIZE, "must be at least 1 byte");
        }
        Duration rotateEvery = positive(settings, ROTATE_EVERY, DEFAULT_ROTATE_EVERY);
        int queueCapacity = atLeastOne(settings, QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY);
        int batchSize = atLeastOne(settings, BATCH_SIZE, DEFAULT_BATCH_SIZE);
        FsyncPolicy fsync = settings.string(FSYNC).map(v -> FsyncPolicy.of(v).orElseThrow(
                () -> settings.error(FSYNC, "expected batch, interval or never, got \"" + v + "\"")))
                .orElse(DEFAULT_FSYNC);
        Duration fsyncInterval = positive(settings, FSYNC_INTERVAL, DEFAULT_FSYNC_INTERVAL);
        Optional<Duration> retention = settings.duration(RETENTION);
        if (retention.isPresent() && !retention.get().isPositive()) {
            throw settings.error(RETENTION, "must be longer than 0; leave it out to keep every file");
        }
        return new JsonlSettings(folder, maxFileSize, rotateEvery, queueCapacity, batchSize, fsync, fsyncInterval,
                retention);
    }

    private static Duration positive(Settings settings, String key, Duration fallback) {
        Duration value = settings.duration(key).orElse(fallback);
        if (!value.isPositive()) {
            throw settings.error(key, "must be longer than 0");
        }
        return value;
    }

    private static int atLeastOne(Settings settings, String key, int fallback) {
        int value = settings.integer(key).orElse(fallback);
        if (value < 1) {
            throw settings.error(key, "must be at least 1, got " + value);
        }
        return value;
    }
}
