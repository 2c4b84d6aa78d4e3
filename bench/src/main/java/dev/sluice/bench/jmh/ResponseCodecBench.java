package dev.sluice.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatResponse;
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

/**
 * The complete (non-streamed) answer: the provider reads the upstream's {@code chat.completion}
 * bytes into a {@link ChatResponse} ({@code OpenAiProvider.readAnswer}), and {@code OpenAiApi}
 * writes it back to the client with {@code Json.bytes}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ResponseCodecBench {

    /** {@code text}: a ~600-character Markdown answer (~1.3 KB pretty-printed); {@code toolCalls}: two parallel tool calls. */
    @Param({"text", "toolCalls"})
    public String variant;

    private byte[] body;
    private ChatResponse response;

    @Setup
    public void setup() throws IOException {
        body = Fixtures.chatResponse(variant);
        response = Json.read(body, ChatResponse.class);
        Fixtures.requireSameJson(body, Json.bytes(response));
    }

    /** Upstream bytes to record. */
    @Benchmark
    public ChatResponse parse() throws IOException {
        return Json.read(body, ChatResponse.class);
    }

    /** Record to the client's bytes. */
    @Benchmark
    public byte[] serialize() {
        return Json.bytes(response);
    }

    /** Both, as every non-streamed answer goes through the gateway. */
    @Benchmark
    public byte[] roundTrip() throws IOException {
        return Json.bytes(Json.read(body, ChatResponse.class));
    }

    /** Reference: a generic {@code JsonNode} tree parse of the same body. */
    @Benchmark
    public JsonNode tree() throws IOException {
        return Json.tree(body);
    }
}
