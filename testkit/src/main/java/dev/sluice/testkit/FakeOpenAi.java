package dev.sluice.testkit;

import io.helidon.common.mapper.MapperManager;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * A fake OpenAI upstream on {@code 127.0.0.1} (random port) that speaks OpenAI's real wire
 * format: {@code POST /v1/chat/completions} (JSON or SSE), {@code POST /v1/embeddings},
 * {@code GET /v1/models}; any other path gets OpenAI's 404 {@code Invalid URL} error.
 *
 * <p>Built on Helidon SE and Jackson trees only, never on Sluice's own classes, so the fake
 * cannot share a bug with the gateway it tests. Knobs can be changed at any time from any
 * thread; each request works from a snapshot taken when it arrives. Typical use:
 * <pre>{@code
 * try (FakeOpenAi upstream = FakeOpenAi.start()) {
 *     upstream.reply("Hi there").failNext(1, 503);
 *     // point the gateway at upstream.baseUrl(), call it, then:
 *     assertThat(upstream.requestCount()).isEqualTo(2);
 * }
 * }</pre>
 */
public final class FakeOpenAi implements AutoCloseable {

    /** The answer text until {@link #reply(String)} says otherwise. */
    public static final String DEFAULT_REPLY = FakeSettings.DEFAULT_REPLY;

    private final FakeSettings settings = new FakeSettings();
    private final RequestLog log = new RequestLog();
    private final WebServer server;

    private FakeOpenAi() {
        String fingerprint = OpenAiJson.systemFingerprint();
        ChatCompletionsHandler chat = new ChatCompletionsHandler(settings, log, fingerprint);
        EmbeddingsHandler embeddings = new EmbeddingsHandler(settings, log);
        ModelsHandler models = new ModelsHandler(settings, log);
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false) // tests start many servers; each closes its own
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build()) // SSE chunks must not wait for Nagle
                .routing((HttpRouting.Builder routing) -> routing
                        .post("/v1/chat/completions", chat)
                        .post("/v1/embeddings", embeddings)
                        .get("/v1/models", models)
                        .any((req, res) -> {
                            RecordedRequest request = RequestLog.capture(req);
                            log.add(request);
                            OpenAiHttp.sendError(res, OpenAiErrors.invalidUrl(request.method(), request.path()),
                                    null, System.nanoTime());
                        }))
                .build();
    }

    /** Starts a fake on a free port of 127.0.0.1 with default behaviour. */
    public static FakeOpenAi start() {
        HelidonSetup.ensureGlobalMapper();
        FakeOpenAi fake = new FakeOpenAi();
        fake.server.start();
        return fake;
    }

    /**
     * A base URL ({@code http://127.0.0.1:PORT/v1}) where nothing listens, for connection-refused
     * tests. The port was free a moment ago; another process could take it, but on loopback
     * with an ephemeral port that is unlikely enough for tests.
     */
    public static String unreachableUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port", e);
        }
    }

    /**
     * The vector the fake answers for this input, for asserting on embeddings end to end.
     *
     * @param input the input text
     * @param dimensions vector length (the request's {@code dimensions}, else {@link #embeddingDimensions})
     */
    public static float[] embeddingOf(String input, int dimensions) {
        return EmbeddingsHandler.vectorFor(input, dimensions);
    }

    /** The port the fake listens on. */
    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT/v1}, the form OpenAI clients take as base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Releases any held stream and stops the server. */
    @Override
    public void close() {
        settings.reset();
        server.stop();
    }

    // ---- behaviour knobs -------------------------------------------------------------------

    /** Answers with this text from now on (and stops answering with a tool call). */
    public FakeOpenAi reply(String text) {
        settings.reply(text);
        return this;
    }

    /** Streams the answer in {@code n} nearly equal chunks; 0 restores one chunk per word. */
    public FakeOpenAi chunks(int n) {
        settings.chunks(n);
        return this;
    }

    /** Waits this long after receiving a request before answering it (headers included). */
    public FakeOpenAi latency(Duration delay) {
        settings.latency(delay);
        return this;
    }

    /** Waits this long between two streamed chunks. */
    public FakeOpenAi chunkDelay(Duration delay) {
        settings.chunkDelay(delay);
        return this;
    }

    /**
     * Streams send their headers (and an SSE comment, which carries no chunk) at once, then wait
     * this long before the first chunk: an upstream that accepted the request and then stalled.
     */
    public FakeOpenAi firstChunkDelay(Duration delay) {
        settings.firstChunkDelay(delay);
        return this;
    }

    /** Fails every chat and embeddings request with this status until {@link #stopFailing()} or {@link #reset()}. */
    public FakeOpenAi failWith(int status) {
        settings.failWith(status, null);
        return this;
    }

    /** As {@link #failWith(int)}, also sending {@code retry-after} (seconds) and {@code retry-after-ms}. */
    public FakeOpenAi failWith(int status, Duration retryAfter) {
        settings.failWith(status, retryAfter);
        return this;
    }

    /** Fails the next {@code count} chat/embeddings requests with this status, then answers normally. */
    public FakeOpenAi failNext(int count, int status) {
        settings.failNext(count, status, null);
        return this;
    }

    /** As {@link #failNext(int, int)}, also sending {@code retry-after} and {@code retry-after-ms}. */
    public FakeOpenAi failNext(int count, int status, Duration retryAfter) {
        settings.failNext(count, status, retryAfter);
        return this;
    }

    /** Cancels {@link #failWith} and any pending {@link #failNext}. */
    public FakeOpenAi stopFailing() {
        settings.stopFailing();
        return this;
    }

    /**
     * Holds every stream that starts from now on right after its first content chunk, until
     * the returned gate is released. Replaces (and releases) any earlier gate.
     */
    public StreamGate holdStreamAfterFirstChunk() {
        return settings.newGate();
    }

    /** Answers with a call of this function (arguments as a JSON string) instead of text. */
    public FakeOpenAi toolCall(String name, String argumentsJson) {
        settings.toolCall(name, argumentsJson);
        return this;
    }

    /** Reports these token counts instead of counting words of the request and the answer. */
    public FakeOpenAi usage(int promptTokens, int completionTokens) {
        settings.usage(promptTokens, completionTokens);
        return this;
    }

    /** Requires {@code Authorization: Bearer <key>}, answering OpenAI's 401s otherwise; null accepts anything. */
    public FakeOpenAi requireApiKey(String key) {
        settings.requireApiKey(key);
        return this;
    }

    /** Embedding length when a request names no {@code dimensions} (default 8). */
    public FakeOpenAi embeddingDimensions(int dimensions) {
        settings.embeddingDimensions(dimensions);
        return this;
    }

    /** The model ids {@code GET /v1/models} lists (default gpt-4o, gpt-4o-mini, text-embedding-3-small). */
    public FakeOpenAi models(String... ids) {
        settings.models(List.of(ids));
        return this;
    }

    /** Restores every default, releases any held stream, and forgets all recorded requests and counts. */
    public FakeOpenAi reset() {
        settings.reset();
        log.clear();
        return this;
    }

    // ---- what was received -----------------------------------------------------------------

    /** Every request received so far, oldest first (failed and rejected ones included). */
    public List<RecordedRequest> requests() {
        return log.requests();
    }

    /** Requests received on one path, e.g. {@code /v1/chat/completions}. */
    public List<RecordedRequest> requests(String path) {
        return log.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * The most recent request.
     *
     * @throws IllegalStateException if none was received
     */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = log.requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the fake upstream has not received any request");
        }
        return all.get(all.size() - 1);
    }

    /**
     * When each request arrived ({@link System#nanoTime()}), in the order of {@link #requests()},
     * for asserting on the spacing of retries.
     */
    public List<Long> arrivalNanos() {
        return log.arrivals();
    }

    /** Number of requests received, on any path. */
    public int requestCount() {
        return log.requests().size();
    }

    /** Streams that were written to the end, {@code data: [DONE]} included. */
    public int completedStreams() {
        return log.completedStreams();
    }

    /** Streams cut short because the client disconnected (or the fake was closed). */
    public int abortedStreams() {
        return log.abortedStreams();
    }

    /** Waits until at least {@code count} requests arrived; false on timeout. */
    public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        return log.await(() -> log.requests().size() >= count, timeout);
    }

    /** Waits until at least {@code count} streams completed; false on timeout. */
    public boolean awaitCompletedStreams(int count, Duration timeout) throws InterruptedException {
        return log.await(() -> log.completedStreams() >= count, timeout);
    }

    /** Waits until at least {@code count} streams were aborted by their client; false on timeout. */
    public boolean awaitAbortedStreams(int count, Duration timeout) throws InterruptedException {
        return log.await(() -> log.abortedStreams() >= count, timeout);
    }

    /**
     * Helidon 4.4.0 needs a global mapper manager set once per JVM, or every request pays
     * for a lookup. The API is deprecated for removal, but it is still what 4.4.0 needs.
     */
    private static final class HelidonSetup {
        private static boolean done;

        @SuppressWarnings("removal")
        static synchronized void ensureGlobalMapper() {
            if (!done) {
                MapperManager.global(MapperManager.create());
                done = true;
            }
        }
    }
}
