package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Policy files written for a test, loaded into the process-wide engine, and called directly. */
final class Scripts {
    static final List<Target> TARGETS = List.of(target("openai", "gpt-4o"), target("mock", "small"));

    /** An engine the tests use instead of the process-wide one, if set. */
    private static volatile PolicyEngine engine;
    /** Whether calls are made from a fresh virtual thread, as a request makes them. */
    private static volatile boolean onVirtualThreads;

    private Scripts() {
    }

    static PolicyEngine engine() {
        PolicyEngine chosen = engine;
        return chosen != null ? chosen : PolicyEngine.shared();
    }

    /** Loads and calls with this engine from now on; {@code null} for the process-wide one. */
    static void use(PolicyEngine chosen) {
        engine = chosen;
    }

    /** Makes calls from a fresh virtual thread each (or from the test's own thread again). */
    static void callOnVirtualThreads(boolean virtual) {
        onVirtualThreads = virtual;
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyHandle load(Path dir, String name, String text) {
        return engine().load(write(dir, name, text), new HookRequirement("test", Set.of("route", "onRequest")));
    }

    /** A fresh {@code ctx} for one call: a caller of team search, at a fixed time, with {@link #TARGETS}. */
    static Object context() {
        return context(Caller.ANONYMOUS.withTeam("search").withUser("ana").withTags(List.of("gold")),
                Instant.parse("2026-03-02T09:30:00Z"));
    }

    static Object context(Caller caller, Instant now) {
        return PolicyFacts.of(caller, now, ZoneOffset.UTC, "chat", Optional.of("chat"), TARGETS,
                t -> TargetHealth.UNKNOWN, null);
    }

    static JsonNode request(String content) {
        return Json.mapper().valueToTree(ChatRequest.of("chat", List.of(Message.of("user", content))));
    }

    static Outcome route(PolicyHandle handle, JsonNode request) {
        return route(handle, request, PolicyLimits.DEFAULT);
    }

    static Outcome route(PolicyHandle handle, JsonNode request, PolicyLimits limits) {
        Supplier<Outcome> call = () -> engine().call(handle.current(), "route", () -> request, Scripts::context,
                limits, label -> Optional.empty());
        if (!onVirtualThreads) {
            return call.get();
        }
        // A spare context must be free, so that the call runs on the virtual thread itself.
        PolicyWorkers workers = engine().workers();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!workers.spareFree(limits.maxStatements()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        long inlineBefore = workers.ranInline();
        long handedOffBefore = workers.handedOff();
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(call.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            caller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (workers.ranInline() == inlineBefore || workers.handedOff() != handedOffBefore) {
            throw new AssertionError("the call did not run on its virtual thread");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return outcome.get();
    }

    static PolicyLimits limits(Duration timeout, long statements, long allocation) {
        return new PolicyLimits(timeout, statements, allocation);
    }

    static Target target(String provider, String model) {
        return new Target(provider, model, 1, Settings.empty("test"));
    }
}
