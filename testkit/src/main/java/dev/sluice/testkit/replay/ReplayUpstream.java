package dev.sluice.testkit.replay;

import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.Recording;
import io.helidon.common.mapper.MapperManager;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A fake upstream on {@code 127.0.0.1} that answers every request, whatever its path, with the
 * next scripted {@link Replay}: recorded provider answers (JSON bodies, event streams, error
 * shapes and their headers) replayed over real HTTP, frame by frame. Requests are recorded for
 * assertions on what the gateway sent.
 * <pre>{@code
 * try (ReplayUpstream upstream = ReplayUpstream.start()) {
 *     upstream.enqueue(Replay.resource("anthropic/stream-tool-use.sse"));
 *     // point a provider at upstream.baseUrl(), call it, then:
 *     assertThat(upstream.lastRequest().path()).isEqualTo("/v1/messages");
 * }
 * }</pre>
 */
public final class ReplayUpstream implements AutoCloseable {
    private static final Replay NOTHING_QUEUED = Replay.json(500,
            "{\"error\":{\"message\":\"the replay upstream has no answer queued\"}}");

    private final Deque<Replay> queue = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private Replay fallback = NOTHING_QUEUED;
    private final WebServer server;

    private ReplayUpstream() {
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing((HttpRouting.Builder routing) -> routing.any(this::handle))
                .build();
    }

    /** Starts a replay upstream on a free port. */
    @SuppressWarnings("removal")
    public static ReplayUpstream start() {
        synchronized (ReplayUpstream.class) {
            MapperManager.global(MapperManager.create());
        }
        ReplayUpstream upstream = new ReplayUpstream();
        upstream.server.start();
        return upstream;
    }

    /** {@code http://127.0.0.1:PORT}, without a path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Queues answers, served in order, one per request. */
    public synchronized ReplayUpstream enqueue(Replay... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** The answer once the queue is empty (by default a 500 saying nothing was queued). */
    public synchronized ReplayUpstream always(Replay reply) {
        fallback = reply;
        return this;
    }

    /** Every request received so far, oldest first. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The latest request; fails when there was none. */
    public synchronized RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the replay upstream has received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** How many requests arrived. */
    public synchronized int requestCount() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void handle(ServerRequest req, ServerResponse res) throws IOException {
        RecordedRequest request = Recording.capture(req);
        Replay reply;
        synchronized (this) {
            requests.add(request);
            reply = queue.isEmpty() ? fallback : queue.poll();
        }
        res.status(Status.create(reply.status()));
        reply.headers().forEach(res::header);
        try (OutputStream out = res.outputStream()) {
            boolean first = true;
            for (byte[] frame : reply.frames()) {
                if (!first) {
                    pause(reply.gap());
                }
                first = false;
                out.write(frame);
                out.flush();
            }
        } catch (UncheckedIOException e) {
            // the client went away mid-answer; nothing left to do
        }
    }

    private static void pause(Duration gap) {
        if (gap.isZero()) {
            return;
        }
        try {
            Thread.sleep(gap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
