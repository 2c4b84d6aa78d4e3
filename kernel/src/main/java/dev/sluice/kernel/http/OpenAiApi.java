package dev.sluice.kernel.http;

import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenAI-compatible surface: {@code POST /v1/chat/completions} (streamed or not),
 * {@code POST /v1/embeddings} and {@code GET /v1/models}, with OpenAI's error shape.
 */
public final class OpenAiApi implements InboundDialect {
    private static final Logger LOG = Logger.getLogger(OpenAiApi.class.getName());

    private final InboundHandler handler;

    public OpenAiApi(InboundHandler handler) {
        this.handler = handler;
    }

    /** Adds the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", (req, res) -> handler.serve(req, res, Operation.CHAT, this))
                .post("/v1/embeddings", (req, res) -> handler.serve(req, res, Operation.EMBEDDINGS, this))
                .get("/v1/models", this::models);
    }

    @Override
    public InboundApi api() {
        return InboundApi.OPENAI;
    }

    @Override
    public Parsed read(byte[] body, Operation operation) {
        return Parsed.canonical(operation == Operation.CHAT ? OpenAiRequests.chat(body)
                : OpenAiRequests.embeddings(body));
    }

    @Override
    public void answer(ServerResponse res, Exchange exchange, Result result) {
        switch (result) {
            case Result.Chat chat -> sendJson(res, json(exchange, chat.response()));
            case Result.Embeddings embeddings -> sendJson(res, json(exchange, embeddings.response()));
            case Result.Stream stream -> {
                StreamHeaders.apply(res);
                boolean includeUsage = ((ChatRequest) exchange.request()).includeUsage();
                try (OutputStream out = res.outputStream()) {
                    SseRelay.relay(stream.chunks(), out, exchange, includeUsage);
                } catch (java.io.IOException | UncheckedIOException closing) {
                    LOG.log(Level.FINE, "request {0}: client gone before the stream closed", exchange.id());
                }
            }
        }
    }

    @Override
    public void error(ServerResponse res, GatewayException e, String requestId) {
        OpenAiErrors.send(res, e);
    }

    private void models(ServerRequest req, ServerResponse res) {
        GatewayRuntime runtime = handler.acquire();
        try {
            var key = runtime.access().authenticate(InboundApi.OPENAI,
                    name -> req.headers().first(io.helidon.http.HeaderNames.create(name)));
            var body = Json.mapper().createObjectNode();
            body.put("object", "list");
            // A key limited to some models lists only those.
            body.set("data", Json.mapper().valueToTree(runtime.models(handler.clock().instant().getEpochSecond())
                    .stream().filter(m -> key.isEmpty() || key.get().allows(m.id())).toList()));
            sendJson(res, Json.bytes(body));
        } catch (GatewayException e) {
            OpenAiErrors.send(res, e);
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
}
