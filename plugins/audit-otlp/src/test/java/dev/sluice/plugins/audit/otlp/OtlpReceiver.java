package dev.sluice.plugins.audit.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on {@code 127.0.0.1} (random port), standing for an OpenTelemetry
 * Collector: it takes {@code POST /v1/traces} with {@code application/json} or
 * {@code application/x-protobuf} bodies (gzip when {@code Content-Encoding: gzip}), decodes
 * them, keeps the spans of the requests it accepts, and answers as scripted (200 by default).
 * Thread-safe.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final List<ReceivedSpan> accepted = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    /** One request as it arrived, and what it was answered. */
    record Request(String method, String path, Map<String, String> headers, List<ReceivedSpan> spans, int status) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private OtlpReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static OtlpReceiver start() {
        try {
            return new OtlpReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: what the sink's {@code endpoint} takes. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests get these answers, in order; then 200 again. */
    synchronized void answerNext(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** Waits until {@code count} spans were accepted; returns them all. */
    synchronized List<ReceivedSpan> awaitSpans(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " spans, received " + accepted.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(accepted);
    }

    /** Waits until {@code count} requests arrived; returns them all. */
    synchronized List<Request> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " requests, received " + requests.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(requests);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<ReceivedSpan> spans() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) ->
                    headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("POST") || !path.equals("/v1/traces")) {
                record(new Request(method, path, headers, List.of(), 404), false);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String type = headers.getOrDefault("content-type", "");
            byte[] body = "gzip".equals(headers.get("content-encoding")) ? gunzip(raw) : raw;
            List<ReceivedSpan> spans;
            try {
                spans = switch (type) {
                    case "application/json" -> JsonTraces.decode(body);
                    case "application/x-protobuf" -> ProtoTraces.decode(body);
                    default -> throw new IllegalArgumentException("unsupported Content-Type " + type);
                };
            } catch (RuntimeException | IOException e) {
                record(new Request("POST", "/v1/traces", headers, List.of(), 400), false);
                answer(exchange, new Answer(400, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}"));
                return;
            }
            Answer answer;
            synchronized (this) {
                answer = script.isEmpty() ? new Answer(200, Map.of("Content-Type", "application/json"), "{}")
                        : script.removeFirst();
            }
            record(new Request("POST", "/v1/traces", headers, spans, answer.status()), answer.status() == 200);
            answer(exchange, answer);
        }
    }

    private synchronized void record(Request request, boolean accept) {
        requests.add(request);
        if (accept) {
            accepted.addAll(request.spans());
        }
        notifyAll();
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] gunzip(byte[] raw) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        }
    }
}
