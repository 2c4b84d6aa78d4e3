package dev.sluice.kernel.js;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls the loaded policy files and hands a file whose text changed to the engine to recompile.
 * Polling (as for the configuration file) also sees edits through symlinks and costs one small
 * read per file per interval; comparing the text rather than the modification time sees two edits
 * within the clock's resolution, and ignores a touch.
 */
final class PolicyWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PolicyWatcher.class.getName());

    private final PolicyEngine engine;
    private final Duration interval;
    private final Map<PolicyHandle, String> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean open = true;

    PolicyWatcher(PolicyEngine engine, Duration interval) {
        this.engine = engine;
        this.interval = interval;
        this.thread = Thread.ofPlatform().daemon().name("sluice-js-watcher").unstarted(this::poll);
        thread.start();
    }

    /** Starts watching a loaded file, from the text its current version was compiled from. */
    void watch(PolicyHandle handle) {
        seen.put(handle, handle.current().text());
    }

    private void poll() {
        while (open) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<PolicyHandle, String> entry : seen.entrySet()) {
                PolicyHandle handle = entry.getKey();
                Optional<String> text = read(handle);
                if (text.isPresent() && !text.get().equals(entry.getValue())) {
                    entry.setValue(text.get());
                    try {
                        engine.reload(handle);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "reloading policy " + handle.file() + " failed", e);
                    }
                }
            }
        }
    }

    private static Optional<String> read(PolicyHandle handle) {
        try {
            return Optional.of(Files.readString(handle.file(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Missing for a moment (an editor replacing the file): the last good version stays.
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
    }
}
