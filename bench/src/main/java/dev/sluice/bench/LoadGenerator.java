package dev.sluice.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The JVM load generator: keep-alive HTTP/1.1 connections (raw sockets, one virtual thread each,
 * see {@link HttpConnection}) and two ways of driving them.
 *
 * <ul>
 *   <li><b>Open loop</b> ({@link #open}): a scheduler releases request {@code i} at its intended
 *       start time {@code t0 + i / rate}; a free connection picks it up, and the latency is recorded
 *       from the <em>intended</em> start, so a stall of the server is charged to every request it
 *       delayed (no coordinated omission). Requests released while all connections are busy wait
 *       in the queue, and that wait counts too.</li>
 *   <li><b>Closed loop</b> ({@link #closed}): {@code N} connections each send the next request as
 *       soon as the previous answer is complete; latency from the actual send.</li>
 * </ul>
 * Latencies go to HdrHistograms in microseconds. For streams the time to first token (the first
 * {@code data:} frame with non-empty content) is recorded too, from the same origin, and a stream
 * counts as an error unless it had status 200, the expected number of content frames and
 * {@code data: [DONE]}.
 *
 * <p>Standalone use:
 * <pre>
 * java -cp ... dev.sluice.bench.LoadGenerator --url http://127.0.0.1:8080/v1/chat/completions
 *      --model bench-l0 [--stream] [--expect-chunks 20] (--rate 1000 | --closed) [--connections 64]
 *      [--duration 10] [--header "Name: value"]...
 * </pre>
 */
public final class LoadGenerator {

    private static final long POISON = Long.MIN_VALUE;
    static final long HIGHEST_US = TimeUnit.MINUTES.toMicros(10);

    private LoadGenerator() {
    }

    /**
     * Where to send and what.
     *
     * @param expectedContentFrames content frames a stream must have to count as a success (0: any)
     */
    public record Target(String host, int port, byte[] request, boolean stream, int expectedContentFrames) {
    }

    /** The outcome of one run. */
    public static final class Result {
        public final Histogram latency = new Histogram(HIGHEST_US, 3);
        public final Histogram ttft = new Histogram(HIGHEST_US, 3);
        public long completed;
        public long errors;
        public long unfinished;
        public double seconds;
        public final Map<String, Long> errorKinds = new ConcurrentHashMap<>();

        public double throughput() {
            return seconds <= 0 ? 0 : completed / seconds;
        }

        void error(String kind) {
            errorKinds.merge(kind, 1L, Long::sum);
        }

        /** p in percent, result in milliseconds. */
        public double ms(Histogram h, double p) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(
                    "%d ok, %d errors, %d unfinished in %.1f s = %.1f rps; latency ms p50 %.3f p90 %.3f p99 %.3f"
                            + " p99.9 %.3f max %.3f",
                    completed, errors, unfinished, seconds, throughput(), ms(latency, 50), ms(latency, 90),
                    ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1000.0));
            if (ttft.getTotalCount() > 0) {
                sb.append(String.format("; TTFT ms p50 %.3f p99 %.3f", ms(ttft, 50), ms(ttft, 99)));
            }
            if (!errorKinds.isEmpty()) {
                sb.append("; errors: ").append(errorKinds);
            }
            return sb.toString();
        }
    }

    /** Per worker: its own histograms (merged at the end) and its connection. */
    private static final class Worker {
        final Histogram latency = new Histogram(HIGHEST_US, 3);
        final Histogram ttft = new Histogram(HIGHEST_US, 3);
        long completed;
        long errors;
        volatile HttpConnection conn;
    }

    static int connectTimeoutMs = 10_000;
    static int readTimeoutMs = 120_000;
    static int bufferSize = 16 * 1024;

    /**
     * One request on the worker's connection (opened when needed); records and returns whether it
     * succeeded. {@code origin} is the time latency is measured from.
     */
    private static boolean one(Target t, Worker w, Result shared, long origin, long deadline) {
        try {
            HttpConnection c = w.conn;
            if (c == null || !c.isOpen()) {
                c = new HttpConnection(t.host(), t.port(), connectTimeoutMs, readTimeoutMs, bufferSize);
                w.conn = c;
            }
            HttpConnection.Response r = c.exchange(t.request(), t.stream(), 200);
            long end = System.nanoTime();
            String problem = check(t, r);
            if (problem != null) {
                w.errors++;
                shared.error(problem);
                return false;
            }
            if (end <= deadline) {
                w.completed++;
                w.latency.recordValue(Math.min(HIGHEST_US, Math.max(0, (end - origin) / 1000)));
                if (t.stream() && r.firstContentNanos > 0) {
                    w.ttft.recordValue(Math.min(HIGHEST_US, Math.max(0, (r.firstContentNanos - origin) / 1000)));
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            w.errors++;
            shared.error(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + shorten(e.getMessage())));
            HttpConnection c = w.conn;
            if (c != null) {
                c.close();
            }
            w.conn = null;
            return false;
        }
    }

    private static String check(Target t, HttpConnection.Response r) {
        if (r.status != 200) {
            return "status " + r.status + ": " + shorten(r.head);
        }
        if (t.stream()) {
            if (!r.done) {
                return "stream without [DONE]";
            }
            if (t.expectedContentFrames() > 0 && r.contentFrames != t.expectedContentFrames()) {
                return "stream with " + r.contentFrames + " content frames, expected " + t.expectedContentFrames();
            }
        } else if (r.bodyBytes == 0) {
            return "empty body";
        }
        return null;
    }

    private static String shorten(String s) {
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /**
     * Closed loop: {@code connections} connections back to back for {@code seconds}.
     *
     * <p>One connection runs on a platform thread: its blocking read wakes that thread directly,
     * without the hand-off from the poller to a carrier thread that a virtual thread needs. That
     * hand-off is the generator's own cost, about 50 µs at p50 and most of a millisecond at p99 here,
     * and at one connection, where the cell measures latency rather than throughput, it would hide
     * what the gateway adds. More connections run on virtual threads, which keep a few hundred of
     * them cheap.
     */
    public static Result closed(Target t, int connections, double seconds) throws InterruptedException {
        Result result = new Result();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker();
            workers.add(w);
            Thread.Builder builder = connections == 1 ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
            threads.add(builder.name("closed-", i).start(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    if (!one(t, w, result, t0, deadline)) {
                        LockSupport.parkNanos(1_000_000); // do not spin on a refused connection
                    }
                }
            }));
        }
        finish(workers, threads, result, deadline + TimeUnit.MILLISECONDS.toNanos(readTimeoutMs));
        result.seconds = seconds;
        return result;
    }

    /**
     * Open loop at {@code rate} requests per second for {@code seconds}, over at most
     * {@code connections} connections; waits up to {@code drainSeconds} after the last intended start.
     */
    public static Result open(Target t, double rate, int connections, double seconds, double drainSeconds)
            throws InterruptedException {
        Result result = new Result();
        LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>();
        long period = (long) (1e9 / rate);
        long total = (long) Math.floor(rate * seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long end = start + total * period;
        AtomicLong lastDone = new AtomicLong(start);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker();
            workers.add(w);
            threads.add(Thread.ofVirtual().name("open-", i).start(() -> {
                try {
                    while (true) {
                        long intended = queue.take();
                        if (intended == POISON) {
                            return;
                        }
                        one(t, w, result, intended, Long.MAX_VALUE);
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // a platform thread keeps the schedule: it releases each request at its intended time
        Thread scheduler = Thread.ofPlatform().name("scheduler").start(() -> {
            for (long i = 0; i < total; i++) {
                long at = start + i * period;
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                queue.add(at);
            }
            for (int i = 0; i < connections; i++) {
                queue.add(POISON);
            }
        });
        scheduler.join();
        finish(workers, threads, result, end + (long) (drainSeconds * 1e9));
        result.seconds = (Math.max(lastDone.get(), end) - start) / 1e9;
        result.unfinished = Math.max(0, total - result.completed - result.errors);
        return result;
    }

    private static void finish(List<Worker> workers, List<Thread> threads, Result result, long waitUntil)
            throws InterruptedException {
        for (Thread th : threads) {
            long left = waitUntil - System.nanoTime();
            if (left > 0) {
                th.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            HttpConnection c = w.conn;
            if (c != null) {
                c.close(); // unblocks a worker still reading, and ends its keep-alive connection
            }
            threads.get(i).interrupt();
        }
        for (Thread th : threads) {
            th.join(5_000);
        }
        for (Worker w : workers) {
            result.latency.add(w.latency);
            result.ttft.add(w.ttft);
            result.completed += w.completed;
            result.errors += w.errors;
        }
    }

    /** The chat request body of the benchmark: a short system and user message, as a chat app sends. */
    public static byte[] chatBody(String model, boolean stream) {
        String body = "{\"model\":\"" + model + "\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a concise assistant. Answer in one sentence.\"},"
                + "{\"role\":\"user\",\"content\":\"Explain in one sentence what an LLM gateway does and why"
                + " a team would put one between its applications and the model providers.\"}],"
                + "\"max_tokens\":64,\"temperature\":0.2" + (stream ? ",\"stream\":true" : "") + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String model = "bench-l0";
        boolean stream = false;
        double rate = 0;
        int connections = 16;
        double duration = 10;
        int expect = 0;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--url" -> { url = v; i++; }
                case "--model" -> { model = v; i++; }
                case "--stream" -> stream = true;
                case "--rate" -> { rate = Double.parseDouble(v); i++; }
                case "--closed" -> rate = 0;
                case "--connections" -> { connections = Integer.parseInt(v); i++; }
                case "--duration" -> { duration = Double.parseDouble(v); i++; }
                case "--expect-chunks" -> { expect = Integer.parseInt(v); i++; }
                case "--header" -> { headers.add(v); i++; }
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (url == null) {
            System.err.println("--url is required");
            System.exit(2);
        }
        URI u = URI.create(url);
        byte[] req = HttpConnection.post(u.getHost(), u.getPort(), u.getRawPath(), chatBody(model, stream),
                headers.toArray(String[]::new));
        Target t = new Target(u.getHost(), u.getPort(), req, stream, expect);
        Result r = rate > 0 ? open(t, rate, connections, duration, 10) : closed(t, connections, duration);
        System.out.println(r);
    }
}
