package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Runs the side-by-side overhead benchmark against processes that {@code bench/run} started: the
 * fake upstream (direct), Sluice and optionally a peer gateway. For every cell and repetition it
 * drives each target in turn (the order alternates between repetitions), with wrk for closed-loop
 * JSON cells of more than one connection and with {@link LoadGenerator} for open-loop cells, for
 * every streamed cell (wrk cannot see the first token) and for the one-connection cells, whose
 * latency wrk's own tail would hide (see {@code bench/README.md}), samples the gateway's CPU time
 * and RSS from {@code /proc}, and writes the medians as a Markdown table and JSON.
 *
 * <p>It is meant to be started by {@code bench/run}, which documents the options.
 */
public final class BenchRunner {

    /** Closed-loop connection counts and open-loop rates of the full matrix. */
    static final int[] CLOSED = {1, 16, 64, 256};
    static final int[] OPEN = {500, 1000, 2000};
    static final int[] LATENCIES = {0, 50};

    /** One cell of the matrix. {@code level} is connections (closed) or requests per second (open). */
    record Cell(String name, boolean open, int level, int latencyMs, boolean stream) {
        String load() {
            return open ? "open " + level + " rps" : "closed " + level + " conn" + (level == 1 ? "" : "s");
        }
    }

    /** A system under test: the upstream itself ("direct") or a gateway in front of it. */
    record System_(String name, int port, long pid, boolean gateway) {
    }

    /** The measurements of one run. */
    static final class Run {
        String tool;
        double rps;
        long completed;
        long errors;
        double p50, p90, p99, p999, max;
        double t50 = Double.NaN, t90 = Double.NaN, t99 = Double.NaN, t999 = Double.NaN;
        double cpuUsPerRequest = Double.NaN;
        double rssMb = Double.NaN;
        String errorKinds = "";
        int connections;
        /** CPU used by processes other than the benchmark's own during the run, in % of all CPUs. */
        double otherCpuPct = Double.NaN;
    }

    private final Options o;
    private final List<System_> systems = new ArrayList<>();
    private final long clkTck;

    private BenchRunner(Options o) {
        this.o = o;
        this.clkTck = o.clkTck;
        systems.add(new System_("direct", o.upstreamPort, o.upstreamPid, false));
        systems.add(new System_("sluice", o.sluicePort, o.sluicePid, true));
        if (o.peer != null) {
            systems.add(new System_(o.peer, o.peerPort, o.peerPid, true));
        }
    }

    // ---- options -------------------------------------------------------------------------------

    static final class Options {
        String mode = "full";
        double duration = 15;
        int reps = 3;
        double warmup = 10;
        List<String> cells = new ArrayList<>();
        int chunks = 20;
        int chunkDelayMs = 0;
        boolean pinned = true;
        int upstreamPort = 9000;
        long upstreamPid = -1;
        int sluicePort = 8080;
        long sluicePid = -1;
        String peer;
        int peerPort = 8787;
        long peerPid = -1;
        Path outDir = Path.of("bench/results");
        String stamp = "run";
        Path machineFile;
        Path workDir = Path.of("/tmp");
        long clkTck = 100;
        String wrk = "wrk";
        String sluiceOpts = "";
        int openConns = 0;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String k = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                i++;
                switch (k) {
                    case "--mode" -> o.mode = v;
                    case "--duration" -> o.duration = Double.parseDouble(v);
                    case "--reps" -> o.reps = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Double.parseDouble(v);
                    case "--cells" -> o.cells = Arrays.stream(v.split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).toList();
                    case "--chunks" -> o.chunks = Integer.parseInt(v);
                    case "--chunk-delay-ms" -> o.chunkDelayMs = Integer.parseInt(v);
                    case "--pinned" -> o.pinned = Boolean.parseBoolean(v);
                    case "--upstream-port" -> o.upstreamPort = Integer.parseInt(v);
                    case "--upstream-pid" -> o.upstreamPid = Long.parseLong(v);
                    case "--sluice-port" -> o.sluicePort = Integer.parseInt(v);
                    case "--sluice-pid" -> o.sluicePid = Long.parseLong(v);
                    case "--peer" -> o.peer = v;
                    case "--peer-port" -> o.peerPort = Integer.parseInt(v);
                    case "--peer-pid" -> o.peerPid = Long.parseLong(v);
                    case "--out-dir" -> o.outDir = Path.of(v);
                    case "--stamp" -> o.stamp = v;
                    case "--machine-file" -> o.machineFile = Path.of(v);
                    case "--work-dir" -> o.workDir = Path.of(v);
                    case "--clk-tck" -> o.clkTck = Long.parseLong(v);
                    case "--wrk" -> o.wrk = v;
                    case "--sluice-opts" -> o.sluiceOpts = v;
                    case "--open-conns" -> o.openConns = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + k);
                }
            }
            return o;
        }
    }

    /** Every cell of the full matrix, in run order. */
    static List<Cell> allCells() {
        List<Cell> cells = new ArrayList<>();
        for (boolean stream : new boolean[] {false, true}) {
            for (int lat : LATENCIES) {
                for (int c : CLOSED) {
                    cells.add(new Cell("closed-" + c + "-l" + lat + (stream ? "-sse" : ""), false, c, lat, stream));
                }
            }
        }
        for (boolean stream : new boolean[] {false, true}) {
            for (int lat : LATENCIES) {
                for (int r : OPEN) {
                    cells.add(new Cell("open-" + r + "-l" + lat + (stream ? "-sse" : ""), true, r, lat, stream));
                }
            }
        }
        return cells;
    }

    /** The cells matching any of the glob patterns ({@code *} any text), in matrix order. */
    static List<Cell> select(List<String> patterns) {
        List<Cell> all = allCells();
        if (patterns.isEmpty()) {
            return all;
        }
        LinkedHashSet<Cell> out = new LinkedHashSet<>();
        List<Pattern> regexes = patterns.stream()
                .map(p -> Pattern.compile(Arrays.stream(p.split("\\*", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse(""))).toList();
        for (Cell c : all) {
            if (regexes.stream().anyMatch(r -> r.matcher(c.name()).matches())) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no cell matches " + patterns + "; cells are named like "
                    + "closed-64-l0, closed-16-l50-sse, open-1000-l0, open-500-l50-sse");
        }
        return new ArrayList<>(out);
    }

    // ---- targets -------------------------------------------------------------------------------

    String spec(int latencyMs) {
        return "l" + latencyMs + "-c" + o.chunks + "-d" + o.chunkDelayMs;
    }

    String path(System_ s, Cell c) {
        // the bare proxy forwards the path as it is, so it takes the fake upstream's own paths
        boolean upstreamPath = s.name().equals("direct") || s.name().equals("bare");
        return upstreamPath ? "/p/" + spec(c.latencyMs()) + "/v1/chat/completions" : "/v1/chat/completions";
    }

    String model(System_ s, Cell c) {
        return s.name().equals("sluice") ? "bench-l" + c.latencyMs() : "gpt-4o";
    }

    List<String> headers(System_ s, Cell c) {
        List<String> h = new ArrayList<>();
        h.add("Authorization: Bearer sk-bench");
        if (s.name().equals("portkey")) {
            h.add("x-portkey-provider: openai");
            h.add("x-portkey-custom-host: http://127.0.0.1:" + o.upstreamPort + "/p/" + spec(c.latencyMs()) + "/v1");
        }
        return h;
    }

    LoadGenerator.Target target(System_ s, Cell c) {
        byte[] body = LoadGenerator.chatBody(model(s, c), c.stream());
        byte[] req = HttpConnection.post("127.0.0.1", s.port(), path(s, c), body, headers(s, c).toArray(String[]::new));
        return new LoadGenerator.Target("127.0.0.1", s.port(), req, c.stream(), o.chunks);
    }

    int openConnections(Cell c) {
        if (o.openConns > 0) {
            return o.openConns;
        }
        double perRequest = c.latencyMs() / 1000.0 + (c.stream() ? o.chunks * o.chunkDelayMs / 1000.0 : 0) + 0.005;
        return (int) Math.max(16, Math.min(1024, Math.ceil(c.level() * perRequest * 2)));
    }

    // ---- running -------------------------------------------------------------------------------

    Run run(System_ s, Cell c) throws Exception {
        checkAlive(s);
        long ticks0 = s.gateway() ? cpuTicks(s.pid()) : 0;
        long[] machine0 = machineTicks();
        long ours0 = ourTicks();
        long wall0 = System.nanoTime();
        Run r;
        if (!c.open() && !c.stream() && c.level() > 1) {
            r = wrk(s, c);
        } else {
            LoadGenerator.Target t = target(s, c);
            LoadGenerator.Result res;
            int conns;
            if (c.open()) {
                conns = openConnections(c);
                res = LoadGenerator.open(t, c.level(), conns, o.duration, 10 + c.latencyMs() / 100.0);
            } else {
                conns = c.level();
                res = LoadGenerator.closed(t, conns, o.duration);
            }
            r = fromGenerator(res);
            r.connections = conns;
        }
        if (s.gateway()) {
            long ticks = cpuTicks(s.pid()) - ticks0;
            r.cpuUsPerRequest = r.completed == 0 ? Double.NaN : ticks * 1e6 / clkTck / r.completed;
            r.rssMb = rssMb(s.pid());
        }
        long[] machine1 = machineTicks();
        long others = (machine1[0] - machine0[0]) - (ourTicks() - ours0);
        double capacity = (System.nanoTime() - wall0) / 1e9 * clkTck * machine1[1];
        r.otherCpuPct = Math.max(0, others * 100.0 / capacity);
        return r;
    }

    /**
     * Busy ticks of the whole machine (user, nice, system, steal; interrupts left out, since the
     * loopback traffic of the benchmark itself is partly accounted there) and the number of CPUs.
     */
    static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                    + (f.length > 8 ? Long.parseLong(f[8]) : 0);
            long cpus = lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            return new long[] {busy, Math.max(1, cpus)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU ticks of the benchmark's own processes: this JVM and its waited-for children (wrk), the upstream, the gateways. */
    long ourTicks() {
        long t = 0;
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            t += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (System_ s : systems) {
            if (s.pid() > 0 && Files.exists(Path.of("/proc/" + s.pid()))) {
                t += cpuTicks(s.pid());
            }
        }
        return t;
    }

    static Run fromGenerator(LoadGenerator.Result res) {
        Run r = new Run();
        r.tool = "jvm";
        r.completed = res.completed;
        r.errors = res.errors + res.unfinished;
        r.rps = res.throughput();
        r.p50 = res.ms(res.latency, 50);
        r.p90 = res.ms(res.latency, 90);
        r.p99 = res.ms(res.latency, 99);
        r.p999 = res.ms(res.latency, 99.9);
        r.max = res.latency.getTotalCount() == 0 ? Double.NaN : res.latency.getMaxValue() / 1000.0;
        if (res.ttft.getTotalCount() > 0) {
            r.t50 = res.ms(res.ttft, 50);
            r.t90 = res.ms(res.ttft, 90);
            r.t99 = res.ms(res.ttft, 99);
            r.t999 = res.ms(res.ttft, 99.9);
        }
        if (!res.errorKinds.isEmpty()) {
            r.errorKinds = res.errorKinds.toString();
        }
        if (res.unfinished > 0) {
            r.errorKinds += " unfinished=" + res.unfinished;
        }
        return r;
    }

    Run wrk(System_ s, Cell c) throws IOException, InterruptedException {
        byte[] body = LoadGenerator.chatBody(model(s, c), false);
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = \"POST\"\n");
        lua.append("wrk.body = [==[").append(new String(body, StandardCharsets.UTF_8)).append("]==]\n");
        lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        for (String h : headers(s, c)) {
            int colon = h.indexOf(':');
            lua.append("wrk.headers[\"").append(h, 0, colon).append("\"] = [==[")
                    .append(h.substring(colon + 1).trim()).append("]==]\n");
        }
        lua.append("""
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("BENCH-RESULT requests=%d duration_us=%d connect=%d read=%d write=%d "
                    .. "status=%d timeout=%d p50=%.1f p90=%.1f p99=%.1f p999=%.1f max=%.1f\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99),
                    latency:percentile(99.9), latency.max))
                end
                """);
        Path script = o.workDir.resolve("wrk-" + s.name() + "-" + c.name() + ".lua");
        Files.writeString(script, lua);
        int secs = (int) Math.max(1, Math.round(o.duration));
        String url = "http://127.0.0.1:" + s.port() + path(s, c);
        List<String> cmd = List.of(o.wrk, "-t1", "-c" + c.level(), "-d" + secs + "s", "--timeout", "30s",
                "--latency", "-s", script.toString(), url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Run r = new Run();
        r.tool = "wrk";
        r.connections = c.level();
        String line = out.lines().filter(l -> l.startsWith("BENCH-RESULT")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result:\n" + out));
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : line.substring("BENCH-RESULT".length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        long requests = Long.parseLong(kv.get("requests"));
        long status = Long.parseLong(kv.get("status"));
        long socketErrors = Long.parseLong(kv.get("connect")) + Long.parseLong(kv.get("read"))
                + Long.parseLong(kv.get("write")) + Long.parseLong(kv.get("timeout"));
        double seconds = Long.parseLong(kv.get("duration_us")) / 1e6;
        r.completed = requests - status;
        r.errors = status + socketErrors;
        r.rps = r.completed / seconds;
        r.p50 = Double.parseDouble(kv.get("p50")) / 1000;
        r.p90 = Double.parseDouble(kv.get("p90")) / 1000;
        r.p99 = Double.parseDouble(kv.get("p99")) / 1000;
        r.p999 = Double.parseDouble(kv.get("p999")) / 1000;
        r.max = Double.parseDouble(kv.get("max")) / 1000;
        if (r.errors > 0) {
            r.errorKinds = "wrk: non-2xx=" + status + " connect=" + kv.get("connect") + " read=" + kv.get("read")
                    + " write=" + kv.get("write") + " timeout=" + kv.get("timeout");
        }
        return r;
    }

    void checkAlive(System_ s) {
        if (s.pid() > 0 && !Files.exists(Path.of("/proc/" + s.pid()))) {
            throw new IllegalStateException(s.name() + " (pid " + s.pid() + ") is no longer running");
        }
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double rssMb(long pid) {
        return statusKb(pid, "VmRSS:") / 1024.0;
    }

    static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /**
     * Warm-up of every target before measuring: 60% of the time as closed-loop JSON at 64 connections
     * against the 0 ms upstream (the most requests per second, so the JIT compilers of a JVM gateway
     * finish soonest), then the rest split across the upstream profiles and response kinds the
     * selected cells use, so that every route and connection pool is warm too.
     */
    void warmup(List<Cell> cells) throws Exception {
        if (o.warmup <= 0) {
            return;
        }
        LinkedHashMap<String, Cell> kinds = new LinkedHashMap<>();
        for (Cell c : cells) {
            kinds.putIfAbsent(c.latencyMs() + "/" + c.stream(),
                    new Cell("warmup", false, 64, c.latencyMs(), c.stream()));
        }
        Cell main = new Cell("warmup", false, 64, 0, false);
        double first = o.warmup * 0.6;
        double each = Math.max(1, (o.warmup - first) / kinds.size());
        for (System_ s : systems) {
            LoadGenerator.Result r = LoadGenerator.closed(target(s, main), 64, first);
            System.out.printf(Locale.ROOT, "warm-up %-8s l0 json: %s%n", s.name(), r);
            for (Cell c : kinds.values()) {
                r = LoadGenerator.closed(target(s, c), 64, each);
                System.out.printf(Locale.ROOT, "warm-up %-8s l%d %s: %s%n", s.name(), c.latencyMs(),
                        c.stream() ? "sse " : "json", r);
            }
        }
    }

    void execute() throws Exception {
        List<Cell> cells = select(o.cells);
        String machine = o.machineFile != null ? Files.readString(o.machineFile).strip() : "";
        System.out.println(machine);
        double estimate = o.warmup * systems.size()
                + cells.size() * o.reps * systems.size() * (o.duration + 1.5);
        System.out.printf(Locale.ROOT, "%d cells x %d reps x %d targets, %.0f s each: about %.0f min%n",
                cells.size(), o.reps, systems.size(), o.duration, estimate / 60);
        warmup(cells);
        Map<Cell, Map<String, List<Run>>> results = new LinkedHashMap<>();
        for (Cell c : cells) {
            Map<String, List<Run>> byTarget = new LinkedHashMap<>();
            systems.forEach(s -> byTarget.put(s.name(), new ArrayList<>()));
            results.put(c, byTarget);
            for (int rep = 0; rep < o.reps; rep++) {
                List<System_> order = new ArrayList<>(systems);
                if (rep % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (System_ s : order) {
                    Run r = run(s, c);
                    byTarget.get(s.name()).add(r);
                    System.out.printf(Locale.ROOT,
                            "[%s rep %d/%d] %-7s %9.1f rps  p50 %8.3f  p90 %8.3f  p99 %8.3f  p99.9 %8.3f ms%s%s%s  (other procs %.0f%% CPU)%n",
                            c.name(), rep + 1, o.reps, s.name(), r.rps, r.p50, r.p90, r.p99, r.p999,
                            Double.isNaN(r.t50) ? "" : String.format(Locale.ROOT, "  TTFT p50 %.3f p99 %.3f", r.t50, r.t99),
                            s.gateway() ? String.format(Locale.ROOT, "  CPU %.1f us/req  RSS %.0f MB",
                                    r.cpuUsPerRequest, r.rssMb) : "",
                            r.errors > 0 ? "  ERRORS " + r.errors + " " + r.errorKinds : "",
                            r.otherCpuPct);
                    Thread.sleep(500);
                }
            }
        }
        Report report = new Report(o, machine, systems.stream().map(System_::name).toList(), results);
        String md = report.markdown();
        Files.createDirectories(o.outDir);
        Path mdFile = o.outDir.resolve(o.stamp + "-" + o.mode + ".md");
        Path jsonFile = o.outDir.resolve(o.stamp + "-" + o.mode + ".json");
        Files.writeString(mdFile, md);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(jsonFile, mapper.writeValueAsString(report.json()));
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + mdFile + " and " + jsonFile);
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new BenchRunner(o).execute();
        System.exit(0);
    }

    // ---- report --------------------------------------------------------------------------------

    /** Medians across repetitions, the Markdown tables and the JSON. */
    static final class Report {
        private final Options o;
        private final String machine;
        private final List<String> systems;
        private final Map<Cell, Map<String, List<Run>>> results;

        Report(Options o, String machine, List<String> systems, Map<Cell, Map<String, List<Run>>> results) {
            this.o = o;
            this.machine = machine;
            this.systems = systems;
            this.results = results;
        }

        static double median(List<Run> runs, ToDoubleFunction<Run> f) {
            double[] v = runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (v.length == 0) {
                return Double.NaN;
            }
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        static long errors(List<Run> runs) {
            return runs.stream().mapToLong(r -> r.errors).sum();
        }

        static String ms(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
        }

        static String added(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.3f", v);
        }

        static String rps(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
        }

        static String one(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
        }

        String response(Cell c) {
            return c.stream() ? "SSE " + o.chunks + " chunks" + (o.chunkDelayMs > 0 ? " / " + o.chunkDelayMs + " ms" : "")
                    : "JSON";
        }

        String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("# Sluice overhead benchmark: ").append(o.mode).append(" (").append(o.stamp).append(")\n\n");
            sb.append("```\n").append(machine).append("\n```\n\n");
            sb.append(String.format(Locale.ROOT, "Settings: %s s per run, %d repetition%s (medians shown), "
                            + "%s s warm-up per target, streams of %d content chunks with %d ms between frames, "
                            + "%s. Sluice JVM: launcher defaults%s.%n%n",
                    trim(o.duration), o.reps, o.reps == 1 ? "" : "s", trim(o.warmup), o.chunks, o.chunkDelayMs,
                    o.pinned ? "pinned (load generator and fake upstream on CPU 0, gateway on CPU 1)" : "unpinned",
                    o.sluiceOpts.isBlank() ? "" : " + JAVA_OPTS=" + o.sluiceOpts));
            double[] other = results.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                    .mapToDouble(r -> r.otherCpuPct).filter(d -> !Double.isNaN(d)).toArray();
            double otherMean = Arrays.stream(other).average().orElse(0);
            double otherMax = Arrays.stream(other).max().orElse(0);
            sb.append(String.format(Locale.ROOT, "Other processes on the machine used %.1f%% of all CPUs on average "
                    + "during the runs (%.1f%% at most in one run).%s%n%n", otherMean, otherMax,
                    otherMax > 5 ? " **Warning: the machine was not idle; these numbers are disturbed by other"
                            + " work (see the `other CPU %` column).**" : ""));
            sb.append("## Overhead (gateway − direct)\n\n");
            sb.append("Latency in ms (medians across repetitions of each percentile); `+` is what the gateway adds; "
                    + "ratio = gateway throughput / direct throughput; CPU = gateway CPU time per request; "
                    + "RSS at the end of the run.\n\n");
            sb.append("| cell | load | upstream | response | gateway | direct rps | gateway rps | ratio | "
                    + "+p50 | +p90 | +p99 | +p99.9 | +TTFT p50 | +TTFT p99 | CPU µs/req | RSS MB | errors |\n");
            sb.append("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (var e : results.entrySet()) {
                Cell c = e.getKey();
                List<Run> d = e.getValue().get("direct");
                for (String g : systems) {
                    if (g.equals("direct")) {
                        continue;
                    }
                    List<Run> x = e.getValue().get(g);
                    double dr = median(d, r -> r.rps);
                    double gr = median(x, r -> r.rps);
                    sb.append("| ").append(c.name()).append(" | ").append(c.load()).append(" | ")
                            .append(c.latencyMs()).append(" ms | ").append(response(c)).append(" | ").append(g)
                            .append(" | ").append(rps(dr)).append(" | ").append(rps(gr)).append(" | ")
                            .append(String.format(Locale.ROOT, "%.3f", gr / dr)).append(" | ")
                            .append(added(median(x, r -> r.p50) - median(d, r -> r.p50))).append(" | ")
                            .append(added(median(x, r -> r.p90) - median(d, r -> r.p90))).append(" | ")
                            .append(added(median(x, r -> r.p99) - median(d, r -> r.p99))).append(" | ")
                            .append(added(median(x, r -> r.p999) - median(d, r -> r.p999))).append(" | ")
                            .append(added(median(x, r -> r.t50) - median(d, r -> r.t50))).append(" | ")
                            .append(added(median(x, r -> r.t99) - median(d, r -> r.t99))).append(" | ")
                            .append(one(median(x, r -> r.cpuUsPerRequest))).append(" | ")
                            .append(one(median(x, r -> r.rssMb))).append(" | ")
                            .append(errors(d)).append(" / ").append(errors(x)).append(" |\n");
                }
            }
            sb.append("\n`errors` = direct / gateway, summed over repetitions (non-200, broken or incomplete "
                    + "streams, socket errors, requests unfinished at the end of an open-loop run).\n\n");
            sb.append("## Latency by target\n\n");
            sb.append("Medians across repetitions; latency from the intended start (open loop) or the send "
                    + "(closed loop) to the last byte; TTFT = to the first `data:` frame with content.\n\n");
            sb.append("| cell | target | tool | conns | rps | p50 | p90 | p99 | p99.9 | max | TTFT p50 | TTFT p90 | "
                    + "TTFT p99 | TTFT p99.9 | CPU µs/req | RSS MB | errors | other CPU % |\n");
            sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (var e : results.entrySet()) {
                Cell c = e.getKey();
                for (String s : systems) {
                    List<Run> x = e.getValue().get(s);
                    sb.append("| ").append(c.name()).append(" | ").append(s).append(" | ").append(x.get(0).tool)
                            .append(" | ").append(x.get(0).connections).append(" | ")
                            .append(rps(median(x, r -> r.rps))).append(" | ")
                            .append(ms(median(x, r -> r.p50))).append(" | ")
                            .append(ms(median(x, r -> r.p90))).append(" | ")
                            .append(ms(median(x, r -> r.p99))).append(" | ")
                            .append(ms(median(x, r -> r.p999))).append(" | ")
                            .append(ms(median(x, r -> r.max))).append(" | ")
                            .append(ms(median(x, r -> r.t50))).append(" | ")
                            .append(ms(median(x, r -> r.t90))).append(" | ")
                            .append(ms(median(x, r -> r.t99))).append(" | ")
                            .append(ms(median(x, r -> r.t999))).append(" | ")
                            .append(one(median(x, r -> r.cpuUsPerRequest))).append(" | ")
                            .append(one(median(x, r -> r.rssMb))).append(" | ")
                            .append(errors(x)).append(" | ")
                            .append(one(x.stream().mapToDouble(r -> r.otherCpuPct).max().orElse(Double.NaN)))
                            .append(" |\n");
                }
            }
            sb.append("\n`other CPU %` = CPU used by processes other than the benchmark's during the run, in % of all "
                    + "CPUs (the highest of the repetitions); anything above a few % disturbs the numbers.\n");
            List<String> problems = new ArrayList<>();
            for (var e : results.entrySet()) {
                for (var t : e.getValue().entrySet()) {
                    for (int i = 0; i < t.getValue().size(); i++) {
                        Run r = t.getValue().get(i);
                        if (r.errors > 0) {
                            problems.add("- " + e.getKey().name() + " " + t.getKey() + " rep " + (i + 1) + ": "
                                    + r.errors + " errors " + r.errorKinds);
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                sb.append("\n## Errors\n\n").append(String.join("\n", problems)).append("\n");
            }
            return sb.toString();
        }

        private static String trim(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }

        ObjectNode json() {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("mode", o.mode);
            root.put("stamp", o.stamp);
            root.put("machine", machine);
            ObjectNode settings = root.putObject("settings");
            settings.put("duration_s", o.duration);
            settings.put("repetitions", o.reps);
            settings.put("warmup_s", o.warmup);
            settings.put("stream_chunks", o.chunks);
            settings.put("chunk_delay_ms", o.chunkDelayMs);
            settings.put("pinned", o.pinned);
            settings.put("sluice_java_opts", o.sluiceOpts);
            ArrayNode cells = root.putArray("cells");
            for (var e : results.entrySet()) {
                Cell c = e.getKey();
                ObjectNode cn = cells.addObject();
                cn.put("cell", c.name());
                cn.put("loop", c.open() ? "open" : "closed");
                if (c.open()) {
                    cn.put("rate_rps", c.level());
                } else {
                    cn.put("connections", c.level());
                }
                cn.put("upstream_latency_ms", c.latencyMs());
                cn.put("stream", c.stream());
                ObjectNode targets = cn.putObject("targets");
                List<Run> d = e.getValue().get("direct");
                for (String s : systems) {
                    List<Run> x = e.getValue().get(s);
                    ObjectNode tn = targets.putObject(s);
                    ObjectNode med = tn.putObject("median");
                    med.put("rps", median(x, r -> r.rps));
                    med.put("p50_ms", median(x, r -> r.p50));
                    med.put("p90_ms", median(x, r -> r.p90));
                    med.put("p99_ms", median(x, r -> r.p99));
                    med.put("p99_9_ms", median(x, r -> r.p999));
                    med.put("max_ms", median(x, r -> r.max));
                    if (c.stream()) {
                        med.put("ttft_p50_ms", median(x, r -> r.t50));
                        med.put("ttft_p90_ms", median(x, r -> r.t90));
                        med.put("ttft_p99_ms", median(x, r -> r.t99));
                        med.put("ttft_p99_9_ms", median(x, r -> r.t999));
                    }
                    if (!s.equals("direct")) {
                        med.put("cpu_us_per_request", median(x, r -> r.cpuUsPerRequest));
                        med.put("rss_mb", median(x, r -> r.rssMb));
                        ObjectNode add = tn.putObject("added_vs_direct");
                        add.put("throughput_ratio", median(x, r -> r.rps) / median(d, r -> r.rps));
                        add.put("p50_ms", median(x, r -> r.p50) - median(d, r -> r.p50));
                        add.put("p90_ms", median(x, r -> r.p90) - median(d, r -> r.p90));
                        add.put("p99_ms", median(x, r -> r.p99) - median(d, r -> r.p99));
                        add.put("p99_9_ms", median(x, r -> r.p999) - median(d, r -> r.p999));
                        if (c.stream()) {
                            add.put("ttft_p50_ms", median(x, r -> r.t50) - median(d, r -> r.t50));
                            add.put("ttft_p99_ms", median(x, r -> r.t99) - median(d, r -> r.t99));
                        }
                    }
                    tn.put("errors", errors(x));
                    ArrayNode runs = tn.putArray("runs");
                    for (Run r : x) {
                        ObjectNode rn = runs.addObject();
                        rn.put("tool", r.tool);
                        rn.put("connections", r.connections);
                        rn.put("rps", r.rps);
                        rn.put("completed", r.completed);
                        rn.put("errors", r.errors);
                        rn.put("p50_ms", r.p50);
                        rn.put("p90_ms", r.p90);
                        rn.put("p99_ms", r.p99);
                        rn.put("p99_9_ms", r.p999);
                        rn.put("max_ms", r.max);
                        if (c.stream()) {
                            rn.put("ttft_p50_ms", r.t50);
                            rn.put("ttft_p90_ms", r.t90);
                            rn.put("ttft_p99_ms", r.t99);
                            rn.put("ttft_p99_9_ms", r.t999);
                        }
                        if (!Double.isNaN(r.cpuUsPerRequest)) {
                            rn.put("cpu_us_per_request", r.cpuUsPerRequest);
                        }
                        if (!Double.isNaN(r.rssMb)) {
                            rn.put("rss_mb", r.rssMb);
                        }
                        rn.put("other_cpu_pct", r.otherCpuPct);
                        if (!r.errorKinds.isEmpty()) {
                            rn.put("error_kinds", r.errorKinds);
                        }
                    }
                }
            }
            clean(root);
            return root;
        }

        /** Unmeasured values (NaN) become JSON nulls. */
        static void clean(com.fasterxml.jackson.databind.JsonNode node) {
            if (node instanceof ObjectNode obj) {
                List<String> names = new ArrayList<>();
                obj.fieldNames().forEachRemaining(names::add);
                for (String n : names) {
                    var v = obj.get(n);
                    if (v.isNumber() && Double.isNaN(v.doubleValue())) {
                        obj.putNull(n);
                    } else {
                        clean(v);
                    }
                }
            } else if (node instanceof ArrayNode arr) {
                arr.forEach(Report::clean);
            }
        }
    }
}
