package dev.sluice.kernel.js;

import dev.sluice.spi.TargetHealth;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One pooled, locked-down JavaScript context, used by one worker thread at a time. It has no host
 * access (classes, files, sockets, threads, processes, environment, other languages) beyond the
 * exported final fields of {@code ctx}'s fact objects, no code generation from strings, and frozen
 * builtins; a statement limit counts the statements of policy code (not of the sandbox's own
 * script).
 *
 * <p>Each policy version is evaluated once per context into a function that returns a fresh
 * instance of the policy; the driver calls that function on every call.
 */
final class SandboxContext implements AutoCloseable {
    /** Elements one builtin may produce or walk in one step. */
    static final int MAX_ELEMENTS = 1 << 20;
    /** The longest string a policy may build. */
    static final int MAX_STRING = 1 << 24;
    static final int MAX_LOG_LINES = 20;
    static final int MAX_LOG_LENGTH = 1000;
    /**
     * What JavaScript may see of a host object: only members marked {@link HostAccess.Export}, which
     * only the final fields of {@code ctx}'s facts are. No arrays, lists, maps, methods or classes.
     */
    private static final HostAccess FACTS_ONLY = HostAccess.newBuilder().allowAccessAnnotatedBy(HostAccess.Export.class)
            .build();
    private static final Source HOOK_NAMES = Source.newBuilder("js", "['route', 'onRequest', 'onResponse']",
            "sluice-hook-names.js").internal(true).buildLiteral();
    /** One filter instance for every context: a shared engine requires it. */
    private static final Predicate<Source> POLICY_CODE = source -> !source.isInternal();

    private final Context context;
    private final long maxStatements;
    private final Value call;
    private final Value hooks;
    /** The hooks' names as JavaScript strings, made once: a Java string would be converted on every call. */
    private final Value route;
    private final Value onRequest;
    private final Value onResponse;
    private final Map<PolicyScript, Value> instances = new WeakHashMap<>();
    private volatile boolean usable = true;
    /** The call in progress here, for the {@link CallWatchdog}; {@code null} between calls. */
    volatile RunningCall running;
    /** Whether the watchdog knows this context; only the thread using the context reads or sets it. */
    boolean watched;

    private SandboxContext(Context context, long maxStatements, Value driver) {
        this.context = context;
        this.maxStatements = maxStatements;
        this.call = driver.getMember("call");
        this.hooks = driver.getMember("hooks");
        Value names = context.eval(HOOK_NAMES);
        this.route = names.getArrayElement(0);
        this.onRequest = names.getArrayElement(1);
        this.onResponse = names.getArrayElement(2);
    }

    /** Creates and locks down a context; takes a moment (the builtins are frozen one by one). */
    static SandboxContext open(Engine engine, Source sandbox, long maxStatements) {
        Context context = Context.newBuilder("js")
                .engine(engine)
                // Of a host object, only the fields marked for export: ctx's facts (PolicyFacts).
                .allowHostAccess(FACTS_ONLY)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowValueSharing(false)
                .allowExperimentalOptions(true)
                .timeZone(ZoneOffset.UTC)
                .in(InputStream.nullInputStream())
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("js.allow-eval", "false")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.global-arguments", "false")
                .option("js.regexp-static-result", "false")
                .option("js.shared-array-buffer", "false")
                .option("js.atomics", "false")
                .option("js.intl-402", "false")
                .option("js.string-length-limit", Integer.toString(MAX_STRING))
                .option("js.max-typed-array-length", Integer.toString(MAX_ELEMENTS))
                .option("js.max-apply-argument-length", "65536")
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(maxStatements, POLICY_CODE).build())
                .build();
        try {
            // One of each kind of object the gateway passes in, and one that throws, whose
            // prototypes (and its exception's) the sandbox freezes.
            Value driver = context.eval(sandbox).execute(MAX_ELEMENTS, MAX_LOG_LINES, MAX_LOG_LENGTH,
                    ReadOnlyJson.object(List.of(), key -> null), ReadOnlyJson.array(0, i -> null),
                    PolicyFacts.health(TargetHealth.UNKNOWN), (ProxyExecutable) arguments -> {
                        throw new IllegalStateException("a sample of an exception");
                    });
            return new SandboxContext(context, maxStatements, driver);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /**
     * Runs a representative policy a few hundred times, so that the first requests a fresh
     * worker serves do not pay for the JVM's warm-up (and do not run into their time limit).
     */
    void warmUp(int calls) {
        PolicyScript script = WarmUp.script();
        for (int i = 0; i < calls; i++) {
            call(script, "route", WarmUp.request(), WarmUp.context(), arguments -> null);
            call(script, "onRequest", WarmUp.request(), WarmUp.context(), arguments -> null);
        }
    }

    /** The statement limit this context was built with. */
    long maxStatements() {
        return maxStatements;
    }

    /** Whether the context can still run code (a cancelled one cannot). */
    boolean usable() {
        return usable;
    }

    /** Marks the context as broken; its worker replaces it. */
    void discard() {
        usable = false;
    }

    /**
     * What a hook returned: its JavaScript type, the value (a string result as it is, an array of
     * strings as its strings each after a NUL, any other as JSON text, {@code null} for a value JSON
     * cannot hold) and the lines it logged.
     */
    record Returned(String type, String value, List<String> logs) {
    }

    /**
     * Calls a hook. The argument (a request or response) and the facts of {@code ctx} reach
     * JavaScript as read-only views ({@link ReadOnlyBeans#of}). Polyglot exceptions pass through to
     * the caller, who classifies them.
     */
    Returned call(PolicyScript script, String hook, Object argument, Object facts, ProxyExecutable lookup) {
        context.resetLimits();
        Value returned = call.execute(instanceOf(script), name(hook), ReadOnlyBeans.of(argument), ReadOnlyBeans.of(facts),
                lookup);
        if (returned.isString()) {
            String text = returned.asString();
            if (text.startsWith("[") || text.startsWith("\0")) {
                return new Returned("array", text, List.of());
            }
            if (text.startsWith("{")) {
                return new Returned("object", text, List.of());
            }
            int colon = text.indexOf(':');
            return colon < 0 ? new Returned(text, null, List.of())
                    : new Returned(text.substring(0, colon), text.substring(colon + 1), List.of());
        }
        Value value = returned.getArrayElement(1);
        Value logged = returned.getArrayElement(2);
        String[] lines = new String[(int) logged.getArraySize()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = logged.getArrayElement(i).asString();
        }
        return new Returned(returned.getArrayElement(0).asString(), value.isNull() ? null : value.asString(),
                List.of(lines));
    }

    private Object name(String hook) {
        return switch (hook) {
            case "route" -> route;
            case "onRequest" -> onRequest;
            case "onResponse" -> onResponse;
            default -> hook;
        };
    }

    /** Parses a policy file as written (a module), without running it: syntax errors name its own lines. */
    void parse(Source file) {
        context.parse(file);
    }

    /** The hooks a version exports; runs its top level once. */
    Set<String> hooks(PolicyScript script) {
        context.resetLimits();
        String names = hooks.execute(instanceOf(script)).asString();
        return names.isEmpty() ? Set.of() : Set.of(names.split(","));
    }

    private Value instanceOf(PolicyScript script) {
        Value factory = instances.get(script);
        if (factory == null) {
            factory = context.eval(script.source());
            instances.put(script, factory);
        }
        return factory;
    }

    /** Stops the code running in this context without closing it; from another thread. */
    void interrupt(Duration wait) throws TimeoutException {
        context.interrupt(wait);
    }

    /** Cancels whatever runs and closes the context for good; from any thread. */
    void cancel() {
        usable = false;
        context.close(true);
    }

    @Override
    public void close() {
        usable = false;
        context.close(true);
    }
}
