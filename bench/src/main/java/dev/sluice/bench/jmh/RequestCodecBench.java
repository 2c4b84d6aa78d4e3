package dev.sluice.bench.jmh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The inbound chat request: bytes to {@link ChatRequest} (what {@code OpenAiRequests.chat} does),
 * the {@code withModel} copy the failover executor makes per target, and the JSON the provider
 * sends upstream. {@code tree} and {@code scanModel} are reference points: a generic tree parse,
 * and the least a gateway must do to route (find {@code "model"} with a streaming parser).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestCodecBench {

    /** {@code plain}: system + user (~1.3 KB); {@code tools}: plus 3 tools and a tool round (~2.8 KB). */
    @Param({"plain", "tools"})
    public String variant;

    private byte[] body;
    private ChatRequest request;
    private ChatRequest outbound;

    @Setup
    public void setup() throws IOException {
        body = Fixtures.chatRequest(variant);
        request = Fixtures.validate(Json.read(body, ChatRequest.class));
        outbound = Fixtures.outboundComplete(request.withModel("gpt-4o-mini-2024-07-18"));
        // Sanity: the round trip keeps the body's meaning.
        Fixtures.requireSameJson(body, Json.bytes(request));
    }

    /** Bytes to record, as {@code Json.read(body, ChatRequest.class)}. */
    @Benchmark
    public ChatRequest parse() throws IOException {
        return Json.read(body, ChatRequest.class);
    }

    /** Parse plus the checks of {@code OpenAiRequests.chat} (model, roles, n). */
    @Benchmark
    public ChatRequest parseAndValidate() throws IOException {
        return Fixtures.validate(Json.read(body, ChatRequest.class));
    }

    /** Record to bytes, as {@code Json.bytes(request)}. */
    @Benchmark
    public byte[] serialize() {
        return Json.bytes(request);
    }

    /** The per-target copy: {@code request.withModel(upstreamModel)}. */
    @Benchmark
    public ChatRequest withModel() {
        return request.withModel("gpt-4o-mini-2024-07-18");
    }

    /**
     * What the OpenAI provider does before sending: {@code withModel}, drop the stream flags
     * ({@code OutboundChat.complete}), {@code Json.bytes}.
     */
    @Benchmark
    public byte[] outboundBody() {
        return Json.bytes(Fixtures.outboundComplete(request.withModel("gpt-4o-mini-2024-07-18")));
    }

    /** Serialising the already-derived outbound record only. */
    @Benchmark
    public byte[] serializeOutbound() {
        return Json.bytes(outbound);
    }

    /** The whole request leg: parse, validate, withModel, stream flags, serialise. */
    @Benchmark
    public byte[] roundTrip() throws IOException {
        ChatRequest parsed = Fixtures.validate(Json.read(body, ChatRequest.class));
        return Json.bytes(Fixtures.outboundComplete(parsed.withModel("gpt-4o-mini-2024-07-18")));
    }

    /** Reference: a generic {@code JsonNode} tree parse of the same body. */
    @Benchmark
    public JsonNode tree() throws IOException {
        return Json.tree(body);
    }

    /**
     * Reference for lazy parsing: stream the top level, read {@code model} and {@code stream},
     * skip every other value without building anything.
     */
    @Benchmark
    public void scanModel(Blackhole bh) throws IOException {
        String model = null;
        boolean stream = false;
        try (JsonParser p = Json.mapper().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("model".equals(name)) {
                    model = p.getText();
                } else if ("stream".equals(name)) {
                    stream = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
        }
        bh.consume(model);
        bh.consume(stream);
    }
}
