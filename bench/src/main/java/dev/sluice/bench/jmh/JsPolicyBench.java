package dev.sluice.bench.jmh;

import dev.sluice.kernel.js.JsStrategy;
import dev.sluice.kernel.js.PolicyEngine;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A typical JavaScript routing decision: the {@code js} strategy's selector ordering a route of
 * three targets for the 1,300 B {@code plain} chat request, with a policy that reads the caller's
 * tags, estimates the prompt's tokens and sorts healthy targets by latency. One call is what a
 * request pays: the call on the calling thread (or, with {@code -Dsluice.js.inline_calls=0}, the
 * hand-off to a policy worker thread and back), the read-only views of the request and of {@code ctx}'s facts
 * that the policy reads, the JavaScript call in its sandbox (fresh policy instance, frozen builtins,
 * limits), and the result back (a list of targets, as JSON text).
 *
 * <p>Sample mode, so that JMH reports percentiles (p0.50, p0.99) per call. Run it twice to compare
 * GraalJS's interpreter with its optimizing runtime; see {@code bench/jmh.md}. {@link #busy10us}
 * measures the machine's own tail for work of the same length.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsPolicyBench {
    static final String POLICY = """
            const LONG_PROMPT_TOKENS = 8000;

            function estimateTokens(request) {
              let chars = 0;
              for (const message of request.messages ?? []) {
                chars += typeof message.content === "string" ? message.content.length : 0;
              }
              return Math.ceil(chars / 4);
            }

            export function route(request, ctx) {
              const gold = ctx.caller.tags.includes("tier:gold");
              const usable = ctx.targets.filter((t) => t.health.available && t.health.error_rate < 0.5);
              if (estimateTokens(request) > LONG_PROMPT_TOKENS) {
                return usable.filter((t) => t.model.includes("long")).map((t) => t.label);
              }
              usable.sort((a, b) => a.health.latency_ms - b.health.latency_ms);
              return (gold ? usable : usable.slice().reverse()).map((t) => t.label);
            }
            """;

    /**
     * A policy that returns the same order as {@link #POLICY} without reading anything: the same
     * call and result with next to no policy work, to tell the gateway's fixed cost per call from
     * the policy's own.
     */
    static final String CONSTANT_POLICY = """
            export function route(request, ctx) {
              return ["openai/gpt-4o", "anthropic/claude-long", "openai/gpt-4o-mini"];
            }
            """;

    /** {@code typical} (the policy above) or {@code constant}. */
    @Param({"typical", "constant"})
    public String policy;

    private Path dir;
    private TargetSelector selector;
    private Exchange exchange;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("sluice-bench-policy");
        Path file = Files.writeString(dir.resolve("route.js"), policy.equals("constant") ? CONSTANT_POLICY : POLICY);
        List<Target> targets = List.of(target("openai", "gpt-4o"), target("anthropic", "claude-long"),
                target("openai", "gpt-4o-mini"));
        Route route = new Route("chat", "js", targets, Settings.empty("bench"));
        KernelContext context = new KernelContext(Clock.systemUTC(), name -> Optional.empty());
        selector = new JsStrategy().create(route, Settings.of(Json.mapper().valueToTree(Map.of("file",
                file.toString()))), context);
        ChatRequest request = Json.read(Fixtures.CHAT_REQUEST, ChatRequest.class);
        exchange = new Exchange("req_0123456789abcdef", Operation.CHAT, InboundApi.OPENAI, request,
                Caller.ANONYMOUS.withTeam("search").withUser("u-42").withTags(List.of("tier:gold")),
                name -> Optional.empty(), Instant.now(), System.nanoTime());
        List<Target> order = selector.order(exchange);
        if (order.size() != 3 || !order.get(0).equals(targets.get(0))) {
            throw new IllegalStateException("unexpected order " + order);
        }
        System.out.println("GraalJS runtime: " + PolicyEngine.shared().runtimeName());
    }

    private static Target target(String provider, String model) {
        return new Target(provider, model, 1, Settings.empty("bench"));
    }

    private long compilerCpuAtStart;

    @Setup(Level.Iteration)
    public void startIteration() {
        compilerCpuAtStart = compilerCpuNanos();
    }

    /**
     * Prints the CPU time GraalJS's compiler threads spent during the iteration. Above a few
     * milliseconds in a measured iteration, the optimizing runtime was still compiling the policy:
     * the iteration measured the warm-up, and the run needs more warm-up iterations.
     */
    @TearDown(Level.Iteration)
    public void endIteration() {
        System.out.printf("[compiler %d ms] ", (compilerCpuNanos() - compilerCpuAtStart) / 1_000_000);
    }

    private static long compilerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("TruffleCompilerThread")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
            }
        }
        return total;
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("route.js"));
        Files.deleteIfExists(dir);
    }

    /** One routing decision, as the router asks for it. */
    @Benchmark
    public List<Target> route() {
        return selector.order(exchange);
    }

    /**
     * The machine's own tail, for comparison: 10 µs of busy work on one thread, about what a
     * routing decision costs. Its p99 above 10 µs is time the operating system (or the hypervisor)
     * took the core away, which any call of that length pays here, policy or not.
     */
    @Benchmark
    public long busy10us() {
        long start = System.nanoTime();
        long spins = 0;
        while (System.nanoTime() - start < 10_000) {
            spins++;
        }
        return spins;
    }
}
