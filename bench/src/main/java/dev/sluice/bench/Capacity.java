package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The capacity check: opens {@code N} concurrent streaming chat completions through the gateway
 * (ramped over a few seconds), while the fake upstream streams slowly (one chunk per second), holds
 * them all open for the length of the stream, and checks that every one completes with status 200,
 * every content chunk and {@code data: [DONE]}. Meanwhile it samples the gateway's RSS, threads,
 * open file descriptors and CPU time once a second from {@code /proc}, and asks {@code jcmd} for the
 * heap at the peak. Started by {@code bench/run --capacity}.
 */
public final class Capacity {

    private Capacity() {
    }

    record Sample(double t, int active, double rssMb, int threads, int fds, long cpuTicks) {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        String model = "bench-slow";
        int conns = 10_000;
        double ramp = 10;
        int chunks = 60;
        int chunkDelayMs = 1000;
        long pid = -1;
        String javaOpts = "";
        Path outDir = Path.of("bench/results");
        String stamp = "run";
        String mode = "capacity";
        Path machineFile = null;
        long clkTck = 100;
        String jcmd = "jcmd";
        String note = "";
        String path = "/v1/chat/completions";
        double warmup = 15;
        String warmupModel = "bench-l0";
        boolean takeHistogram = false;
        long upstreamPid = -1;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            i++;
            switch (args[i - 1]) {
                case "--port" -> port = Integer.parseInt(v);
                case "--model" -> model = v;
                case "--conns" -> conns = Integer.parseInt(v);
                case "--ramp" -> ramp = Double.parseDouble(v);
                case "--chunks" -> chunks = Integer.parseInt(v);
                case "--chunk-delay-ms" -> chunkDelayMs = Integer.parseInt(v);
                case "--sluice-pid" -> pid = Long.parseLong(v);
                case "--java-opts" -> javaOpts = v;
                case "--out-dir" -> outDir = Path.of(v);
                case "--stamp" -> stamp = v;
                case "--mode" -> mode = v;
                case "--machine-file" -> machineFile = Path.of(v);
                case "--clk-tck" -> clkTck = Long.parseLong(v);
                case "--jcmd" -> jcmd = v;
                case "--note" -> note = v;
                case "--path" -> path = v;
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--warmup-model" -> warmupModel = v;
                case "--histogram" -> takeHistogram = Boolean.parseBoolean(v);
                case "--upstream-pid" -> upstreamPid = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        String machine = machineFile != null ? Files.readString(machineFile).strip() : "";
        System.out.println(machine);

        final long gatewayPid = pid;
        final int n = conns;
        final int expectedChunks = chunks;
        byte[] request = HttpConnection.post("127.0.0.1", port, path,
                LoadGenerator.chatBody(model, true), "Authorization: Bearer sk-bench");
        LoadGenerator.Target target = new LoadGenerator.Target("127.0.0.1", port, request, true, chunks);

        if (warmup > 0) {
            // JIT-warm the gateway first (closed loop, JSON then SSE), as the overhead benchmark does
            for (boolean sse : new boolean[] {false, true}) {
                byte[] req = HttpConnection.post("127.0.0.1", port, path, LoadGenerator.chatBody(warmupModel, sse),
                        "Authorization: Bearer sk-bench");
                LoadGenerator.Result r = LoadGenerator.closed(
                        new LoadGenerator.Target("127.0.0.1", port, req, sse, 0), 64, warmup / 2);
                System.out.println("warm-up " + (sse ? "sse: " : "json: ") + r);
            }
        }

        AtomicInteger active = new AtomicInteger();
        AtomicInteger peakActive = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong allOpenSince = new AtomicLong();
        AtomicLong allOpenUntil = new AtomicLong();
        Map<String, Integer> errorKinds = new ConcurrentHashMap<>();
        Histogram ttft = new Histogram(LoadGenerator.HIGHEST_US, 3);
        Histogram total = new Histogram(LoadGenerator.HIGHEST_US, 3);
        Histogram connect = new Histogram(LoadGenerator.HIGHEST_US, 3);

        long cpu0 = BenchRunner.cpuTicks(gatewayPid);
        long[] machine0 = BenchRunner.machineTicks();
        long ours0 = ownTicks(gatewayPid, upstreamPid);
        long wall0 = System.nanoTime();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long streamSeconds = (long) Math.ceil((chunks + 3) * chunkDelayMs / 1000.0);
        long deadline = start + (long) ((ramp + streamSeconds + 60) * 1e9);

        final String jcmdBin = jcmd;
        final boolean histogramWanted = takeHistogram;
        List<Sample> samples = new ArrayList<>();
        double[] peakRss = {0};
        String[] heapAtPeak = {""};
        String[] histogram = {""};
        Thread sampler = Thread.ofPlatform().daemon().name("sampler").start(() -> {
            boolean heapTaken = false;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Sample s = new Sample((System.nanoTime() - start) / 1e9, active.get(), BenchRunner.rssMb(gatewayPid),
                            (int) BenchRunner.statusKb(gatewayPid, "Threads:"), fds(gatewayPid),
                            BenchRunner.cpuTicks(gatewayPid));
                    synchronized (samples) {
                        samples.add(s);
                    }
                    peakRss[0] = Math.max(peakRss[0], s.rssMb());
                    if (((int) s.t()) % 5 == 0) {
                        System.out.printf(Locale.ROOT, "t=%5.1fs streams open %5d, ok %5d, failed %4d; gateway RSS %.0f MB,"
                                        + " %d threads, %d fds%n", s.t(), s.active(), ok.get(), failed.get(), s.rssMb(),
                                s.threads(), s.fds());
                    }
                    if (!heapTaken && s.active() >= n && s.t() > 5) {
                        heapTaken = true;
                        heapAtPeak[0] = jcmdOut(jcmdBin, gatewayPid, "GC.heap_info");
                        if (histogramWanted) {
                            // the live objects by class: this forces a full collection (a pause of the
                            // gateway of a second or more with thousands of streams), so only on request
                            histogram[0] = jcmdOut(jcmdBin, gatewayPid, "GC.class_histogram").lines()
                                    .limit(25).collect(java.util.stream.Collectors.joining("\n"));
                        }
                    }
                    Thread.sleep(java.time.Duration.ofSeconds(1)); // the sampling interval
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.out.println("sampler: " + e);
                    return;
                }
            }
        });

        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long at = start + (long) (i * ramp * 1e9 / n);
            threads.add(Thread.ofVirtual().name("stream-", i).start(() -> {
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long t0 = System.nanoTime();
                HttpConnection c = null;
                boolean counted = false;
                try {
                    c = new HttpConnection(target.host(), target.port(), 30_000, 180_000, 4096);
                    long connected = System.nanoTime();
                    synchronized (connect) {
                        connect.recordValue(Math.min(LoadGenerator.HIGHEST_US, (connected - t0) / 1000));
                    }
                    int now = active.incrementAndGet();
                    counted = true;
                    peakActive.accumulateAndGet(now, Math::max);
                    if (now == n) {
                        allOpenSince.compareAndSet(0, System.nanoTime());
                    }
                    HttpConnection.Response r = c.exchange(target.request(), true, 200);
                    long end = System.nanoTime();
                    if (active.getAndDecrement() == n) {
                        allOpenUntil.compareAndSet(0, end);
                    }
                    counted = false;
                    String problem = r.status != 200 ? "status " + r.status + ": " + r.head.replace('\n', ' ')
                            : !r.done ? "no [DONE]"
                            : r.contentFrames != expectedChunks ? r.contentFrames + " content frames" : null;
                    if (problem != null) {
                        failed.incrementAndGet();
                        errorKinds.merge(problem.length() > 300 ? problem.substring(0, 300) : problem, 1, Integer::sum);
                        return;
                    }
                    ok.incrementAndGet();
                    synchronized (total) {
                        total.recordValue(Math.min(LoadGenerator.HIGHEST_US, (end - connected) / 1000));
                        if (r.firstContentNanos > 0) {
                            ttft.recordValue(Math.min(LoadGenerator.HIGHEST_US, (r.firstContentNanos - connected) / 1000));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                    String kind = e.getClass().getSimpleName() + ": " + e.getMessage();
                    errorKinds.merge(kind.length() > 300 ? kind.substring(0, 300) : kind, 1, Integer::sum);
                } finally {
                    if (counted) {
                        active.decrementAndGet();
                    }
                    if (c != null) {
                        c.close();
                    }
                }
            }));
        }
        for (Thread th : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                th.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        int unfinished = n - ok.get() - failed.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join(2000);
        long cpuTicks = BenchRunner.cpuTicks(gatewayPid) - cpu0;
        long[] machine1 = BenchRunner.machineTicks();
        double otherPct = Math.max(0, ((machine1[0] - machine0[0]) - (ownTicks(gatewayPid, upstreamPid) - ours0)) * 100.0
                / ((System.nanoTime() - wall0) / 1e9 * clkTck * machine1[1]));
        double rssEnd = BenchRunner.rssMb(gatewayPid);
        double hwm = BenchRunner.statusKb(gatewayPid, "VmHWM:") / 1024.0;
        String flags = jcmdOut(jcmd, gatewayPid, "VM.flags");
        String maxHeap = flags.lines().flatMap(l -> java.util.Arrays.stream(l.split("\\s+")))
                .filter(f -> f.startsWith("-XX:MaxHeapSize=")).findFirst()
                .map(f -> Long.parseLong(f.substring("-XX:MaxHeapSize=".length())) / (1024 * 1024) + " MB")
                .orElse("?");
        int maxThreads;
        int maxFds;
        synchronized (samples) {
            maxThreads = samples.stream().mapToInt(Sample::threads).max().orElse(0);
            maxFds = samples.stream().mapToInt(Sample::fds).max().orElse(0);
        }
        double allOpenSeconds = allOpenSince.get() == 0 ? 0
                : ((allOpenUntil.get() == 0 ? System.nanoTime() : allOpenUntil.get()) - allOpenSince.get()) / 1e9;
        boolean pass = ok.get() == n;

        StringBuilder md = new StringBuilder();
        md.append("# Sluice capacity check (").append(stamp).append(")\n\n");
        md.append("```\n").append(machine).append("\n```\n\n");
        if (!note.isBlank()) {
            md.append("> ").append(note).append("\n\n");
        }
        md.append(String.format(Locale.ROOT, "%d concurrent streaming chat completions through Sluice, opened over %s s;"
                        + " the fake upstream streams %d content chunks %d ms apart (each stream lasts about %d s)."
                        + " Sluice JVM: launcher defaults (-XX:+UseSerialGC) + JAVA_OPTS=`%s` (MaxHeapSize %s);"
                        + " warmed up with %s s of closed-loop load first. Time to first token and stream"
                        + " duration are measured from the moment the connection is established.%n%n",
                n, trim(ramp), chunks, chunkDelayMs, (chunks + 2) * chunkDelayMs / 1000, javaOpts,
                maxHeap, trim(warmup)));
        md.append("| result | value |\n|---|---:|\n");
        row(md, "verdict", pass ? "PASS: all streams complete" : "FAIL");
        row(md, "streams requested", String.valueOf(n));
        row(md, "completed OK (200, all " + chunks + " chunks, [DONE])", String.valueOf(ok.get()));
        row(md, "failed", String.valueOf(failed.get()));
        row(md, "unfinished at deadline", String.valueOf(unfinished));
        row(md, "peak concurrent open streams", String.valueOf(peakActive.get()));
        row(md, "all streams open at once for", String.format(Locale.ROOT, "%.1f s", allOpenSeconds));
        row(md, "connect time p50 / p99 / max (ms)", String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                q(connect, 50), q(connect, 99), connect.getMaxValue() / 1000.0));
        row(md, "time to first token p50 / p99 / max (ms)", String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                q(ttft, 50), q(ttft, 99), ttft.getMaxValue() / 1000.0));
        row(md, "stream duration p50 / p99 / max (s)", String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                q(total, 50) / 1000, q(total, 99) / 1000, total.getMaxValue() / 1e6));
        row(md, "Sluice RSS peak (sampled) / VmHWM / at end (MB)", String.format(Locale.ROOT, "%.0f / %.0f / %.0f",
                peakRss[0], hwm, rssEnd));
        row(md, "Sluice RSS per open stream (peak RSS / streams, KB)",
                String.format(Locale.ROOT, "%.1f", peakRss[0] * 1024 / Math.max(1, peakActive.get())));
        row(md, "Sluice threads peak / open fds peak", maxThreads + " / " + maxFds);
        row(md, "Sluice CPU time during the test (s)", String.format(Locale.ROOT, "%.2f", cpuTicks / (double) clkTck));
        row(md, "elapsed (s)", String.format(Locale.ROOT, "%.1f", elapsed));
        row(md, "other processes' CPU during the test (% of all CPUs)", String.format(Locale.ROOT, "%.1f%s",
                otherPct, otherPct > 5 ? " (the machine was busy: timings are disturbed)" : ""));
        if (!errorKinds.isEmpty()) {
            md.append("\nErrors:\n\n");
            errorKinds.forEach((k, v) -> md.append("- ").append(v).append(" × ").append(k).append("\n"));
        }
        if (!heapAtPeak[0].isBlank()) {
            md.append("\nHeap with all streams open (`jcmd <pid> GC.heap_info`):\n\n```\n")
                    .append(heapAtPeak[0].strip()).append("\n```\n");
        }
        if (!histogram[0].isBlank()) {
            md.append("\nLive objects with all streams open (`jcmd <pid> GC.class_histogram`, top 20):\n\n```\n")
                    .append(histogram[0].strip()).append("\n```\n");
        }
        md.append("\nSamples (every 5 s): t, open streams, RSS MB, threads, fds\n\n```\n");
        synchronized (samples) {
            for (Sample s : samples) {
                if (((int) s.t()) % 5 == 0) {
                    md.append(String.format(Locale.ROOT, "%6.1f %6d %7.0f %6d %6d%n", s.t(), s.active(), s.rssMb(),
                            s.threads(), s.fds()));
                }
            }
        }
        md.append("```\n");

        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = m.createObjectNode();
        json.put("mode", mode);
        json.put("stamp", stamp);
        json.put("machine", machine);
        json.put("note", note);
        json.put("streams", n);
        json.put("ramp_s", ramp);
        json.put("chunks", chunks);
        json.put("chunk_delay_ms", chunkDelayMs);
        json.put("java_opts", javaOpts);
        json.put("max_heap", maxHeap);
        json.put("pass", pass);
        json.put("ok", ok.get());
        json.put("failed", failed.get());
        json.put("unfinished", unfinished);
        json.put("peak_open_streams", peakActive.get());
        json.put("all_open_seconds", allOpenSeconds);
        json.put("ttft_p50_ms", q(ttft, 50));
        json.put("ttft_p99_ms", q(ttft, 99));
        json.put("stream_p50_s", q(total, 50) / 1000);
        json.put("rss_peak_mb", peakRss[0]);
        json.put("rss_hwm_mb", hwm);
        json.put("rss_end_mb", rssEnd);
        json.put("threads_peak", maxThreads);
        json.put("fds_peak", maxFds);
        json.put("cpu_seconds", cpuTicks / (double) clkTck);
        json.put("other_cpu_pct", otherPct);
        ObjectNode errs = json.putObject("errors");
        errorKinds.forEach(errs::put);
        json.put("heap_at_peak", heapAtPeak[0]);
        json.put("class_histogram_at_peak", histogram[0]);
        ArrayNode sa = json.putArray("samples");
        synchronized (samples) {
            for (Sample s : samples) {
                sa.addObject().put("t", s.t()).put("open", s.active()).put("rss_mb", s.rssMb())
                        .put("threads", s.threads()).put("fds", s.fds());
            }
        }
        Files.createDirectories(outDir);
        Path mdFile = outDir.resolve(stamp + "-" + mode + ".md");
        Path jsonFile = outDir.resolve(stamp + "-" + mode + ".json");
        Files.writeString(mdFile, md);
        Files.writeString(jsonFile, m.writeValueAsString(json));
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + mdFile + " and " + jsonFile);
        System.exit(pass ? 0 : 1);
    }

    /** CPU ticks of this JVM (with its waited-for children), the gateway and the upstream. */
    static long ownTicks(long gatewayPid, long upstreamPid) {
        long t = 0;
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            t += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException e) {
            return 0;
        }
        for (long pid : java.util.stream.LongStream.of(gatewayPid, upstreamPid).distinct().toArray()) {
            if (pid > 0 && Files.exists(Path.of("/proc/" + pid))) {
                t += BenchRunner.cpuTicks(pid);
            }
        }
        return t;
    }

    private static double q(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static int fds(long pid) {
        String[] list = new File("/proc/" + pid + "/fd").list();
        return list == null ? -1 : list.length;
    }

    static String jcmdOut(String jcmd, long pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
