package dev.sluice.kernel.http.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.cost.StreamTally;
import dev.sluice.kernel.http.InboundDialect;
import dev.sluice.kernel.http.InboundHandler;
import dev.sluice.kernel.http.StreamHeaders;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.NativeEvents;
import dev.sluice.spi.NativeRequest;
import dev.sluice.spi.NativeResponse;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Anthropic-compatible surface: {@code POST /v1/messages}, streamed or not, tools included,
 * served by whichever provider the model's route picks. Requests are translated into the
 * canonical model and answers back into Anthropic's format; errors have Anthropic's shape. When
 * the provider is Anthropic itself, the client's request and (for complete answers) the
 * upstream's answer pass through untranslated.
 *
 * <p>Clients authenticate the way either generation of Anthropic's SDKs does,
 * {@code x-api-key} or {@code Authorization: Bearer}; neither header is ever sent upstream.
 */
public final class AnthropicApi implements InboundDialect {
    private static final Logger LOG = Logger.getLogger(AnthropicApi.class.getName());

    /** Where Anthropic's SDKs look for the id to quote in support requests. */
    private static final HeaderName REQUEST_ID = HeaderNames.create("request-id");

    private final InboundHandler handler;

    public AnthropicApi(InboundHandler handler) {
        this.handler = handler;
    }

    /** Adds the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/messages", (req, res) -> handler.serve(req, res, Operation.CHAT, this));
    }

    @Override
    public InboundApi api() {
        return InboundApi.ANTHROPIC;
    }

    @Override
    public Parsed read(byte[] body, Operation operation) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw AnthropicRequests.invalid("the request body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw AnthropicRequests.invalid("the request body must be a JSON object");
        }
        ObjectNode canonical = AnthropicRequests.toCanonical(tree);
        ChatRequest request;
        try {
            request = Json.mapper().treeToValue(canonical, ChatRequest.class);
        } catch (JsonProcessingException e) {
            throw AnthropicRequests.invalid("the request does not have the Messages API's shape");
        }
        return new Parsed(request, Optional.of(new NativeRequest(InboundApi.ANTHROPIC, (ObjectNode) tree, request)));
    }

    @Override
    public void answer(ServerResponse res, Exchange exchange, Result result) {
        res.header(REQUEST_ID, exchange.id());
        switch (result) {
            case Result.Chat chat -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(body(exchange, chat.response()));
            }
            case Result.Stream stream -> relay(res, exchange, stream.chunks());
            case Result.Embeddings embeddings ->
                throw new GatewayException(ErrorType.INTERNAL, "the Messages API has no embeddings");
        }
    }

    @Override
    public void error(ServerResponse res, GatewayException e, String requestId) {
        res.header(REQUEST_ID, requestId);
        AnthropicErrors.send(res, e, requestId);
    }

    /** Anthropic's own bytes when an Anthropic upstream answered and nothing replaced the answer. */
    private static byte[] body(Exchange exchange, ChatResponse answer) {
        return exchange.attribute(NativeResponse.KEY)
                .filter(original -> original.standsFor(InboundApi.ANTHROPIC, answer))
                .map(NativeResponse::body)
                .orElseGet(() -> Json.bytes(AnthropicAnswers.of(answer, exchange.id())));
    }

    private static void relay(ServerResponse res, Exchange exchange, ChunkStream chunks) {
        StreamHeaders.apply(res);
        AnthropicEvents events = new AnthropicEvents(exchange.id());
        // An Anthropic upstream's own events go out as they came, unless a policy changes the chunks.
        NativeEvents upstreamEvents = chunks.nativeEvents().filter(n -> n.api() == InboundApi.ANTHROPIC).orElse(null);
        StreamTally tally = StreamTally.of(exchange);
        try (chunks; OutputStream out = res.outputStream()) {
            while (true) {
                Optional<ChatChunk> next;
                try {
                    next = chunks.next();
                } catch (GatewayException e) {
                    LOG.log(Level.INFO, "request {0}: stream failed upstream after it started: {1}",
                            new Object[] {exchange.id(), e.getMessage()});
                    exchange.streamError(e);
                    if (upstreamEvents != null) {
                        write(out, upstreamEvents.drainNative());
                    }
                    write(out, AnthropicEvents.error(AnthropicErrors.body(e, exchange.id())));
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "request " + exchange.id() + ": stream failed inside the gateway", e);
                    GatewayException internal = AnthropicErrors.internal(exchange.id());
                    exchange.streamError(internal);
                    write(out, AnthropicEvents.error(AnthropicErrors.body(internal, exchange.id())));
                    return;
                }
                if (next.isEmpty()) {
                    tally.end();
                    write(out, upstreamEvents != null ? upstreamEvents.drainNative() : events.onEnd());
                    return;
                }
                ChatChunk chunk = next.get();
                tally.chunk(chunk);
                byte[] bytes = upstreamEvents != null ? upstreamEvents.drainNative() : events.onChunk(chunk);
                if (bytes.length > 0) {
                    write(out, bytes);
                    exchange.markFirstToken(System.nanoTime());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A closed client connection surfaces as a broken pipe; closing the stream above
            // released the upstream.
            exchange.markClientGone();
            LOG.log(Level.FINE, "request {0}: client disconnected mid-stream", exchange.id());
        }
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        out.write(bytes);
        out.flush();
    }
}
