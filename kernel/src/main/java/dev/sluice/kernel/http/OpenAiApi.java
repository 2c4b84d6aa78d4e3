package dev.sluice.kernel.http;

import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenAI-compatible surface: {@code POST /v1/chat/completions} (streamed or not),
 * {@code POST /v1/embeddings} and {@code GET /v1/models}. Each request runs on its own virtual
 * thread, through the runtime that was current when it arrived.
 */
public final class OpenAiApi {
    private static final Logger LOG = Logger.getLogger(OpenAiApi.class.getName());
    private static final HeaderName REQUEST_ID = HeaderNames.create("x-sluice-request-id");
    private static final Map<String, HeaderName> NAMES = new ConcurrentHashMap<>();

    private final Supplier<GatewayRuntime> runtimes;
    private final Clock clock;

    /**
     * @param runtimes the current runtime, already acquired for the caller (see {@link GatewayRuntime#acquire()})
     * @param clock the gateway's clock
     */
    public OpenAiApi(Supplier<GatewayRuntime> runtimes, Clock clock) {
        this.runtimes = runtimes;
        this.clock = clock;
    }

    /** Adds the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", (req, res) -> serve(req, res, Operation.CHAT))
                .post("/v1/embeddings", (req, res) -> serve(req, res, Operation.EMBEDDINGS))
                .get("/v1/models", this::models);
    }

    private void serve(ServerRequest req, ServerResponse res, Operation operation) {
        long start = System.nanoTime();
        String id = RequestIds.next();
        res.header(REQUEST_ID, id);
        GatewayRuntime runtime = runtimes.get();
        Exchange exchange = null;
        try {
            byte[] body = RequestBodies.read(req, runtime.config().server().maxRequestBytes());
            ModelRequest request = operation == Operation.CHAT ? OpenAiRequests.chat(body)
                    : OpenAiRequests.embeddings(body);
            exchange = new Exchange(id, operation, InboundApi.OPENAI, request,
                    CallerHeaders.from(req.headers(), request.user()), headerLookup(req.headers()), clock.instant(),
                    start);
            Result result = runtime.handle(exchange);
            ResponseHeaders.apply(res, exchange);
            switch (result) {
                case Result.Chat chat -> sendJson(res, json(exchange, chat.response()));
                case Result.Embeddings embeddings -> sendJson(res, json(exchange, embeddings.response()));
                case Result.Stream stream -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                    res.header(HeaderNames.create("x-accel-buffering"), "no");
                    boolean includeUsage = ((ChatRequest) exchange.request()).includeUsage();
                    try (OutputStream out = res.outputStream()) {
                        SseRelay.relay(stream.chunks(), out, exchange, includeUsage);
                    } catch (java.io.IOException | UncheckedIOException closing) {
                        LOG.log(Level.FINE, "request {0}: client gone before the stream closed", id);
                    }
                }
            }
        } catch (GatewayException e) {
            if (exchange != null && !res.isSent()) {
                ResponseHeaders.apply(res, exchange);
            }
            sendError(res, e, id);
        } catch (UncheckedIOException e) {
            LOG.log(Level.FINE, "request {0}: reading the request failed: {1}", new Object[] {id, e.getMessage()});
            sendError(res, new GatewayException(ErrorType.INVALID_REQUEST, "the request body could not be read"), id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + id + " failed inside the gateway", e);
            if (exchange != null && !res.isSent()) {
                ResponseHeaders.apply(res, exchange);
            }
            sendError(res, new GatewayException(ErrorType.INTERNAL,
                    "the gateway failed to handle the request (request " + id + ")"), id);
        } finally {
            runtime.release();
        }
    }

    private void models(ServerRequest req, ServerResponse res) {
        GatewayRuntime runtime = runtimes.get();
        try {
            var body = Json.mapper().createObjectNode();
            body.put("object", "list");
            body.set("data", Json.mapper().valueToTree(runtime.models(clock.instant().getEpochSecond())));
            sendJson(res, Json.bytes(body));
        } finally {
            runtime.release();
        }
    }

    /** The provider's own bytes when the answer is unchanged, else the answer written out. */
    private static byte[] json(Exchange exchange, Object answer) {
        return exchange.answerJson(answer).orElseGet(() -> Json.bytes(answer));
    }

    private static void sendJson(ServerResponse res, byte[] json) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json);
    }

    private static void sendError(ServerResponse res, GatewayException e, String id) {
        if (res.isSent()) {
            LOG.log(Level.FINE, "request {0}: error after the response was sent: {1}", new Object[] {id, e.getMessage()});
            return;
        }
        OpenAiErrors.send(res, e);
    }

    private static Function<String, Optional<String>> headerLookup(ServerRequestHeaders headers) {
        return name -> headers.first(NAMES.computeIfAbsent(name, HeaderNames::create));
    }
}
