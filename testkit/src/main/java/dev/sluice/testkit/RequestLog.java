package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the fake has received and how its streams ended. One monitor guards it all, so tests
 * can block on a condition ({@link #await}) instead of sleeping: the gateway talks to the
 * fake on its own threads, and a fixed sleep would be either flaky or slow.
 */
final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private int completedStreams;
    private int abortedStreams;

    /** Reads the whole request (body included) into an immutable record. */
    static RecordedRequest capture(ServerRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.allValues());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        String raw = readBody(req);
        return new RecordedRequest(req.prologue().method().text(), req.path().path(), headers, parse(raw), raw,
                req.query().rawValue());
    }

    synchronized void add(RecordedRequest request) {
        requests.add(request);
        arrivals.add(System.nanoTime());
        notifyAll();
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized void streamCompleted() {
        completedStreams++;
        notifyAll();
    }

    synchronized void streamAborted() {
        abortedStreams++;
        notifyAll();
    }

    synchronized int completedStreams() {
        return completedStreams;
    }

    synchronized int abortedStreams() {
        return abortedStreams;
    }

    synchronized void clear() {
        requests.clear();
        arrivals.clear();
        completedStreams = 0;
        abortedStreams = 0;
        notifyAll();
    }

    /** Waits until the condition (evaluated under this log's lock) holds, or the timeout passes. */
    synchronized boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Duration wait = Duration.ofNanos(left);
            wait(Math.max(1, wait.toMillis()));
        }
        return true;
    }

    private static String readBody(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return "";
        }
        try (InputStream in = req.content().inputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String raw) {
        if (raw.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return OpenAiJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            return TextNode.valueOf(raw); // kept so a test can see what garbage the gateway sent
        }
    }
}
