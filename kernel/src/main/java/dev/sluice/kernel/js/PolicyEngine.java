package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.json.Json;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Runs JavaScript policies: one GraalJS {@link Engine} (parsed and compiled code is shared by every
 * context), locked-down contexts that calls run in on their own thread where they may and on a few
 * platform worker threads otherwise ({@link PolicyWorkers}), a watchdog for the per-call limits,
 * and a watcher that hot-reloads changed policy files.
 *
 * <p>The gateway uses one engine per process ({@link #shared()}), which outlives configuration
 * reloads: extensions are rebuilt on a reload, the loaded files and warm contexts are not. All its
 * threads are daemons.
 *
 * <p>Thread-safe. A call returns when it has run, on the calling thread or on a worker.
 */
public final class PolicyEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
    private static final Object SHARED_LOCK = new Object();
    private static volatile PolicyEngine shared;

    private final Engine engine;
    private final CallWatchdog watchdog;
    private final PolicyWorkers workers;
    private final PolicyWatcher watcher;
    private final Map<Path, PolicyHandle> handles = new ConcurrentHashMap<>();

    /**
     * An engine of its own (tests, the command line); the gateway uses {@link #shared()}.
     *
     * @param threads worker threads
     * @param pollInterval how often policy files are checked for changes
     */
    public PolicyEngine(int threads, Duration pollInterval) {
        this(threads, pollInterval, PolicyWorkers.WARM_UP_CALLS);
    }

    /**
     * @param threads worker threads
     * @param pollInterval how often policy files are checked for changes
     * @param warmUpCalls how many warm-up calls each worker makes before serving (0 for a
     *     one-shot command)
     */
    public PolicyEngine(int threads, Duration pollInterval, int warmUpCalls) {
        this(threads, pollInterval, warmUpCalls, PolicyWorkers.INLINE_CALLS);
    }

    /**
     * @param inlineCalls how many calls may run on their callers' threads at once (0: all on workers)
     */
    PolicyEngine(int threads, Duration pollInterval, int warmUpCalls, int inlineCalls) {
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                // Calls may run on virtual threads, which GraalJS supports but calls experimental on
                // HotSpot (for tools that walk or change caller frames; policies have none).
                .allowExperimentalOptions(true)
                .option("engine.WarnVirtualThreadSupport", "false")
                .in(InputStream.nullInputStream())
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .logHandler(new EngineLog())
                .build();
        Source sandbox = sandboxSource();
        this.watchdog = new CallWatchdog();
        this.workers = new PolicyWorkers(threads, limit -> SandboxContext.open(engine, sandbox, limit),
                PolicyLimits.DEFAULT.maxStatements(), warmUpCalls, inlineCalls);
        this.watcher = new PolicyWatcher(this, pollInterval);
        LOG.info(() -> "JavaScript policies run on GraalJS, " + runtimeDescription());
    }

    /** The watchdog of running calls (for tests of its wake-up). */
    CallWatchdog watchdog() {
        return watchdog;
    }

    /** Where calls ran (for tests). */
    PolicyWorkers workers() {
        return workers;
    }

    /** The process-wide engine, started on first use: as many workers as cores (at least 2). */
    public static PolicyEngine shared() {
        PolicyEngine engine = shared;
        if (engine == null) {
            synchronized (SHARED_LOCK) {
                engine = shared;
                if (engine == null) {
                    engine = new PolicyEngine(Math.max(2, Runtime.getRuntime().availableProcessors()),
                            Duration.ofMillis(500));
                    shared = engine;
                }
            }
        }
        return engine;
    }

    /**
     * Registers {@code sluice_policy_calls_total}, tagged {@code thread=caller} or {@code worker}:
     * the hook calls of the process-wide engine by where they ran. Reads 0 until a policy is used.
     */
    public static void registerMeters(MeterRegistry registry) {
        callsMeter(registry, "caller", PolicyWorkers::ranInline);
        callsMeter(registry, "worker", PolicyWorkers::handedOff);
    }

    private static void callsMeter(MeterRegistry registry, String thread, ToLongFunction<PolicyWorkers> count) {
        FunctionCounter.builder("sluice.policy.calls", SHARED_LOCK, lock -> {
            PolicyEngine engine = shared;
            return engine == null ? 0 : count.applyAsLong(engine.workers);
        }).description("JavaScript policy calls, by the thread they ran on: the caller's own, or a worker")
                .tag("thread", thread).register(registry);
    }

    /** {@code Interpreted} or the name of the optimizing runtime, e.g. {@code GraalVM CE}. */
    public String runtimeName() {
        return engine.getImplementationName();
    }

    /** {@code optimizing runtime (GraalVM CE)} or {@code interpreter}, for logs and the command line. */
    public String runtimeDescription() {
        String name = runtimeName();
        return name.equals("Interpreted") ? "interpreter" : "optimizing runtime (" + name + ")";
    }

    /**
     * The handle of a policy file, compiling it on first use; the file is then watched. A file
     * already loaded keeps its last good version even when it is broken on disk now.
     *
     * @throws PolicyException when the file cannot be loaded or lacks a hook the user needs
     */
    public PolicyHandle load(Path file, HookRequirement requirement) {
        Path path = file.toAbsolutePath().normalize();
        PolicyHandle handle = handles.get(path);
        if (handle == null) {
            synchronized (handles) {
                handle = handles.get(path);
                if (handle == null) {
                    handle = new PolicyHandle(path, compile(path));
                    handle.require(requirement);
                    handles.put(path, handle);
                    watcher.watch(handle);
                    return handle;
                }
            }
        }
        handle.require(requirement);
        return handle;
    }

    /** Reads, wraps and checks a file: it must compile, run its top level, and export a hook. */
    PolicyScript compile(Path path) {
        String name = path.getFileName().toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new PolicyException(PolicyException.Kind.INVALID, path.toString(), "cannot read the file: " + e);
        }
        Source source = PolicySources.wrap(name, text);
        Source asWritten = PolicySources.module(name, text);
        PolicyScript unchecked = new PolicyScript(path, name, text, source, Set.of());
        Set<String> hooks = workers.run(PolicyLimits.DEFAULT.maxStatements(), context -> {
            try {
                context.parse(asWritten);
                return context.hooks(unchecked);
            } catch (PolyglotException e) {
                throw PolicyFailures.invalid(name, e, context);
            }
        });
        if (hooks.isEmpty()) {
            throw new PolicyException(PolicyException.Kind.INVALID, name,
                    "exports no hook: export route(request, ctx), onRequest(request, ctx) or onResponse(response, ctx)");
        }
        return new PolicyScript(path, name, text, source, hooks);
    }

    /**
     * Calls one hook of a version within the limits, with arguments that the thread running the call
     * builds, fresh for the call: JSON trees, read-only views ({@link ReadOnlyBeans},
     * {@link PolicyFacts}) or records, all of which JavaScript gets as read-only views (with
     * {@code ctx}'s fact objects, whose exported final fields are all it sees). Built where they are read, they stay in that core's cache, which makes a call handed
     * to a worker about a third faster than one whose arguments were built by the caller on another
     * core.
     *
     * @param script the version
     * @param hook {@code route}, {@code onRequest} or {@code onResponse}
     * @param argument the request (or response)
     * @param facts what {@code ctx} tells (caller, time, route and targets)
     * @param limits the call's limits
     * @param health the health of a target by label, for {@code ctx.health()}
     * @throws PolicyException when the call fails in any way
     */
    public Outcome call(PolicyScript script, String hook, Supplier<?> argument, Supplier<?> facts,
            PolicyLimits limits, Function<String, Optional<TargetHealth>> health) {
        ProxyExecutable lookup = arguments -> arguments.length == 1 && arguments[0].isString()
                ? health.apply(arguments[0].asString()).map(PolicyFacts::health).orElse(null) : null;
        return workers.run(limits.maxStatements(), context -> {
            Object request = argument.get();
            Object ctx = facts.get();
            RunningCall running = watchdog.begin(context, limits);
            SandboxContext.Returned returned;
            try {
                returned = context.call(script, hook, request, ctx, lookup);
            } catch (PolyglotException e) {
                throw PolicyFailures.of(script.name(), hook, e, running, context);
            } finally {
                watchdog.end(running);
            }
            return outcome(script.name(), hook, returned);
        });
    }

    private static Outcome outcome(String name, String hook, SandboxContext.Returned returned) {
        JsonNode result = null;
        if (returned.value() != null) {
            if (returned.type().equals("string")) {
                result = TextNode.valueOf(returned.value());
            } else if (returned.value().startsWith("\0")) {
                result = joinedStrings(returned.value());
            } else if ((result = stringArray(returned.value())) == null) {
                try {
                    result = Json.mapper().readTree(returned.value());
                } catch (IOException e) {
                    throw new PolicyException(PolicyException.Kind.BAD_RESULT, name,
                            hook + "() returned what is not JSON");
                }
            }
        }
        return new Outcome(returned.type(), result, returned.logs());
    }

    /** The strings of an array of strings as the sandbox returns them: each after a NUL. */
    static ArrayNode joinedStrings(String joined) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int at = 1;
        for (int end; (end = joined.indexOf('\0', at)) >= 0; at = end + 1) {
            array.add(joined.substring(at, end));
        }
        return array.add(joined.substring(at));
    }

    /**
     * The JSON text of an array of strings none of which needs an escape, the usual result of
     * {@code route()}, read without a parser; {@code null} for any other text.
     */
    static ArrayNode stringArray(String json) {
        int last = json.length() - 1;
        if (last < 1 || json.charAt(0) != '[' || json.charAt(last) != ']' || json.indexOf('\\') >= 0) {
            return null;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int at = 1;
        while (at < last) {
            // Without a backslash in the text, every quote opens or closes a string.
            int end = json.charAt(at) == '"' ? json.indexOf('"', at + 1) : -1;
            if (end < 0 || end == last) {
                return null;
            }
            array.add(json.substring(at + 1, end));
            at = end + 1;
            if (at < last && (json.charAt(at) != ',' || ++at == last)) {
                return null;
            }
        }
        return array;
    }

    /** Re-checks one watched file; called by the watcher when the file's text changed. */
    void reload(PolicyHandle handle) {
        PolicyScript next;
        try {
            next = compile(handle.file());
        } catch (PolicyException e) {
            LOG.severe("policy " + handle.file().getFileName() + " not reloaded, the last good version stays: "
                    + e.getMessage());
            return;
        }
        Optional<String> problem = handle.problemWith(next);
        if (problem.isPresent()) {
            LOG.severe("policy " + next.name() + " not reloaded, the last good version stays: " + problem.get());
            return;
        }
        handle.swap(next);
        LOG.info("policy " + next.name() + " reloaded (" + String.join(", ", next.hooks().stream().sorted()
                .map(h -> h + "()").toList()) + ")");
    }

    private static Source sandboxSource() {
        try (InputStream in = PolicyEngine.class.getResourceAsStream("sandbox.js")) {
            if (in == null) {
                throw new IllegalStateException("sandbox.js is missing from the kernel");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "sluice-sandbox.js").internal(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the watcher, the workers (closing their contexts) and the engine. */
    @Override
    public void close() {
        watcher.close();
        workers.close();
        watchdog.close();
        engine.close(true);
        synchronized (SHARED_LOCK) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    /** Forwards the engine's own log (compilation problems and the like) to the gateway's. */
    private static final class EngineLog extends java.util.logging.Handler {
        private static final Logger ENGINE = Logger.getLogger("dev.sluice.kernel.js.graal");

        @Override
        public void publish(java.util.logging.LogRecord entry) {
            ENGINE.log(entry.getLevel(), entry.getMessage(), entry.getParameters());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
