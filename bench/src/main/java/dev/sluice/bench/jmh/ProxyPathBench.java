package dev.sluice.bench.jmh;

import dev.sluice.kernel.chain.PolicyChain;
import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.route.CompiledRoute;
import dev.sluice.kernel.route.Router;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.SseReader;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.StreamOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * One whole proxied request minus the sockets: the gateway CPU between "request body read" and
 * "response bytes handed to the server". Request parse + validation, a new {@link Exchange},
 * the real {@link PolicyChain} (3 pass-through steps) and the real {@link Router} and failover
 * executor, a provider that does what the OpenAI provider does with bytes (outbound
 * {@code Json.bytes}, answer {@code Json.read}), and the response written for the client
 * (complete: {@code Json.bytes}; streamed: 100 chunks re-encoded and framed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProxyPathBench {

    /** {@code plain} request with a text answer; {@code tools} request with a tool-call answer. */
    @Param({"plain", "tools"})
    public String variant;

    private byte[] requestBody;
    private byte[] streamRequestBody;
    private PolicyChain chain;
    private final Fixtures.CountingSink sink = new Fixtures.CountingSink();

    @Setup
    public void setup() throws IOException {
        requestBody = Fixtures.chatRequest(variant);
        // The same request asking for a stream with usage.
        ChatRequest streamed = Json.read(requestBody, ChatRequest.class).withStream(Boolean.TRUE)
                .withStreamOptions(new StreamOptions(Boolean.TRUE, Map.of()));
        streamRequestBody = Json.bytes(streamed);
        byte[] answer = Fixtures.chatResponse(variant.equals("plain") ? "text" : "toolCalls");

        Provider provider = new CodecOnlyProvider(answer);
        Target target = new Target("openai", "gpt-4o-mini-2024-07-18", 1, Settings.empty("bench"));
        Route route = new Route("gpt-4o-mini", "failover", List.of(target), Settings.empty("bench"));
        List<Target> order = List.of(target);
        CompiledRoute compiled = new CompiledRoute(route, exchange -> order, FailoverConfig.DEFAULT);
        Router router = new Router(Map.of("gpt-4o-mini", compiled), Map.of("openai", provider), false);
        List<ChainStep> steps = List.of(
                c -> c.proceed(c.exchange()),
                c -> c.proceed(c.exchange()),
                c -> c.proceed(c.exchange()));
        chain = new PolicyChain(steps, router::route);
    }

    private static Exchange exchange(ChatRequest request) {
        return new Exchange("req_0123456789abcdef", Operation.CHAT, InboundApi.OPENAI, request,
                Caller.ANONYMOUS.withUser(request.user()), name -> Optional.empty(), Instant.now(), System.nanoTime());
    }

    /** A complete answer: returns the client's response body. */
    @Benchmark
    public byte[] chatComplete(Blackhole bh) throws IOException {
        ChatRequest request = Fixtures.validate(Json.read(requestBody, ChatRequest.class));
        Exchange exchange = exchange(request);
        Result result = chain.execute(exchange);
        // What ResponseHeaders.apply reads from the exchange.
        bh.consume(exchange.servedBy());
        bh.consume(exchange.attempts());
        bh.consume(exchange.responseHeaders());
        return Json.bytes(((Result.Chat) result).response());
    }

    /** A streamed answer of 100 chunks: returns the bytes written to the client. */
    @Benchmark
    public long chatStream100(Blackhole bh) throws IOException {
        ChatRequest request = Fixtures.validate(Json.read(streamRequestBody, ChatRequest.class));
        Exchange exchange = exchange(request);
        Result result = chain.execute(exchange);
        bh.consume(exchange.servedBy());
        bh.consume(exchange.attempts());
        bh.consume(exchange.responseHeaders());
        sink.bytes = 0;
        Fixtures.relay(((Result.Stream) result).chunks(), sink, exchange,
                ((ChatRequest) exchange.request()).includeUsage());
        return sink.bytes;
    }

    /** The OpenAI provider's byte work with the network cut out. */
    private static final class CodecOnlyProvider implements Provider {
        private final byte[] answer;
        /** Bytes "sent" upstream, so that the outbound encoding cannot be optimised away. */
        long sent;

        CodecOnlyProvider(byte[] answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "openai";
        }

        @Override
        public ChatResponse chat(ChatRequest request, Exchange exchange) {
            sent += Json.bytes(Fixtures.outboundComplete(request)).length;
            try {
                return Json.read(answer, ChatResponse.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ChunkStream stream(ChatRequest request, Exchange exchange) {
            sent += Json.bytes(Fixtures.outboundStreamed(request)).length;
            return new Fixtures.UpstreamChunks(new SseReader(new ByteArrayInputStream(Fixtures.STREAM_100)));
        }
    }
}
