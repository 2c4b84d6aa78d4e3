package dev.sluice.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The streamed answer, per chunk and per stream. Per chunk, the upstream's SSE frame is read by
 * {@link SseReader} (as {@code OpenAiChunkStream} does), parsed into a {@link ChatChunk}, then
 * written back as {@code data: <Json.bytes(chunk)>\n\n} (as {@code SseRelay} does). The
 * {@code passthrough} benchmarks are the reference for not re-encoding: the upstream's data bytes
 * re-framed as they are.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamRelayBench {
    private static final String DONE = "[DONE]";

    /** One reader over an endless upstream repeating one content frame: per-chunk benchmarks. */
    private SseReader endless;
    private String data;
    private byte[] dataBytes;
    private final ByteArrayOutputStream frameBuffer = new ByteArrayOutputStream(1024);
    private ChatChunk chunk;
    private Exchange exchange;
    private final Fixtures.CountingSink sink = new Fixtures.CountingSink();

    @Setup
    public void setup() throws IOException {
        endless = new SseReader(new Fixtures.RepeatingFrames(Fixtures.CONTENT_FRAME));
        data = endless.next().orElseThrow().data();
        dataBytes = data.getBytes(StandardCharsets.UTF_8);
        chunk = Json.read(data, ChatChunk.class);
        Fixtures.requireSameJson(data.getBytes(StandardCharsets.UTF_8), Json.bytes(chunk));
        exchange = new Exchange("bench", Operation.CHAT, InboundApi.OPENAI,
                Json.read(Fixtures.CHAT_REQUEST, ChatRequest.class), Caller.ANONYMOUS, name -> Optional.empty(),
                Instant.now(), System.nanoTime());
        int relayed = stream100();
        if (relayed != Fixtures.STREAM_CHUNKS) {
            throw new IllegalStateException("relayed " + relayed + " chunks, expected " + Fixtures.STREAM_CHUNKS);
        }
        if (stream100Passthrough() != Fixtures.STREAM_CHUNKS) {
            throw new IllegalStateException("passthrough relayed the wrong number of chunks");
        }
    }

    // ------------------------------------------------------------------ per chunk

    /** SSE framing only: one {@code data:} event out of the byte stream ({@code SseReader.next}). */
    @Benchmark
    public SseEvent chunkSseRead() {
        return endless.next().orElseThrow();
    }

    /** JSON to record: {@code Json.read(event.data(), ChatChunk.class)}. */
    @Benchmark
    public ChatChunk chunkParse() throws IOException {
        return Json.read(data, ChatChunk.class);
    }

    /**
     * Reference: the same JSON parsed from its UTF-8 bytes rather than from a {@code String}
     * (what a byte-level SSE reader could hand Jackson).
     */
    @Benchmark
    public ChatChunk chunkParseBytes() throws IOException {
        return Json.read(dataBytes, ChatChunk.class);
    }

    /** Record to frame: {@code data: } + {@code Json.bytes(chunk)} + {@code \n\n}. */
    @Benchmark
    public byte[] chunkWriteFrame() {
        return Fixtures.frame(Json.bytes(chunk));
    }

    /**
     * Reference: the frame written straight into a reused buffer ({@code data: }, Jackson writing
     * to the stream, {@code \n\n}) and handed to the sink: no intermediate JSON array, no frame copy.
     */
    @Benchmark
    public long chunkWriteFrameReusedBuffer() throws IOException {
        frameBuffer.reset();
        frameBuffer.write(Fixtures.PREFIX);
        Json.mapper().writeValue(frameBuffer, chunk);
        frameBuffer.write('\n');
        frameBuffer.write('\n');
        frameBuffer.writeTo(sink);
        return sink.bytes;
    }

    /** One chunk through the whole relay: SSE read, DONE check, parse, error check, re-encode, frame. */
    @Benchmark
    public byte[] chunkRelay() throws IOException {
        SseEvent event = endless.next().orElseThrow();
        if (event.data().strip().equals(DONE) || event.data().isBlank()) {
            throw new IllegalStateException();
        }
        ChatChunk parsed = Json.read(event.data(), ChatChunk.class);
        JsonNode error = parsed.extra().get("error");
        if (error != null || event.event().equals("error")) {
            throw new IllegalStateException();
        }
        return Fixtures.frame(Json.bytes(parsed));
    }

    /** Reference: SSE read and re-frame of the upstream's data bytes, no JSON at all. */
    @Benchmark
    public byte[] chunkPassthrough() {
        SseEvent event = endless.next().orElseThrow();
        if (event.data().strip().equals(DONE)) {
            throw new IllegalStateException();
        }
        return Fixtures.frame(event.data().getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ per stream

    /**
     * A whole 100-chunk stream (role, 97 content, finish, usage, {@code [DONE]}) from upstream
     * bytes to client frames: a new {@code SseReader} (as per stream), the
     * {@code OpenAiChunkStream} logic, the failover executor's timing wrapper, and the
     * {@code SseRelay} loop (usage capture, re-encode, frame, write + flush, first-token mark).
     * Returns the number of chunks relayed.
     */
    @Benchmark
    public int stream100() {
        ChunkStream upstream = new Timed(new Fixtures.UpstreamChunks(
                new SseReader(new ByteArrayInputStream(Fixtures.STREAM_100))), exchange);
        return Fixtures.relay(upstream, sink, exchange, true);
    }

    /** Reference: the same stream with the upstream's data bytes re-framed, no JSON. */
    @Benchmark
    public int stream100Passthrough() {
        SseReader reader = new SseReader(new ByteArrayInputStream(Fixtures.STREAM_100));
        int n = 0;
        while (true) {
            Optional<SseEvent> event = reader.next();
            if (event.isEmpty() || event.get().data().strip().equals(DONE)) {
                sink.write(Fixtures.DONE_FRAME, 0, Fixtures.DONE_FRAME.length);
                sink.flush();
                return n;
            }
            byte[] frame = Fixtures.frame(event.get().data().getBytes(StandardCharsets.UTF_8));
            sink.write(frame, 0, frame.length);
            sink.flush();
            n++;
        }
    }

    /** {@code kernel.route.FailoverExecutor.TimedStream}: counts time spent waiting upstream. */
    private static final class Timed implements ChunkStream {
        private final ChunkStream inner;
        private final Exchange exchange;

        Timed(ChunkStream inner, Exchange exchange) {
            this.inner = inner;
            this.exchange = exchange;
        }

        @Override
        public Optional<ChatChunk> next() {
            long start = System.nanoTime();
            try {
                return inner.next();
            } finally {
                exchange.addUpstreamNanos(System.nanoTime() - start);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
