package dev.sluice.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Polls the configuration file's modification time and size and calls back when they change.
 * Polling (rather than a watch service) also sees edits through symlinks, as Kubernetes config
 * maps make them, and costs one stat call per interval.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConfigWatcher.class.getName());

    private final Thread thread;
    private volatile boolean running = true;

    private ConfigWatcher(Path file, Duration interval, Runnable onChange) {
        this.thread = Thread.ofPlatform().daemon().name("sluice-config-watcher").unstarted(() -> {
            String seen = stamp(file);
            while (running) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                String now = stamp(file);
                if (!now.equals(seen)) {
                    seen = now;
                    LOG.info("configuration file " + file + " changed, reloading");
                    onChange.run();
                }
            }
        });
    }

    static ConfigWatcher start(Path file, Duration interval, Runnable onChange) {
        ConfigWatcher watcher = new ConfigWatcher(file, interval, onChange);
        watcher.thread.start();
        return watcher;
    }

    private static String stamp(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
