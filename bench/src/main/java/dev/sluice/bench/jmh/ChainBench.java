package dev.sluice.bench.jmh;

import dev.sluice.kernel.chain.PolicyChain;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * The policy chain's own overhead: {@link PolicyChain#execute} through {@code steps} pass-through
 * steps to a terminal that returns a prebuilt {@link Result} (the router's place). {@code 0} is
 * the default configuration (no {@code chain:} in the file).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChainBench {

    @Param({"0", "3"})
    public int steps;

    private PolicyChain chain;
    private Exchange exchange;
    private ChatRequest request;
    private final Function<String, Optional<String>> noHeaders = name -> Optional.empty();

    @Setup
    public void setup() throws IOException {
        request = Json.read(Fixtures.CHAT_REQUEST, ChatRequest.class);
        Result answer = new Result.Chat(Json.read(Fixtures.CHAT_RESPONSE, ChatResponse.class));
        // Three distinct step classes, as three different policies would be: the call site in
        // PolicyChain sees several receiver types, as in production.
        List<ChainStep> passThrough = List.of(
                c -> c.proceed(c.exchange()),
                c -> c.proceed(c.exchange()),
                c -> c.proceed(c.exchange()));
        List<ChainStep> list = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            list.add(passThrough.get(i % passThrough.size()));
        }
        chain = new PolicyChain(list, e -> answer);
        exchange = newExchange();
    }

    private Exchange newExchange() {
        return new Exchange("req_0123456789abcdef", Operation.CHAT, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                noHeaders, Instant.now(), System.nanoTime());
    }

    /** The chain alone, on a reused exchange. */
    @Benchmark
    public Result execute() {
        return chain.execute(exchange);
    }

    /**
     * A new {@link Exchange} per request (as {@code OpenAiApi.serve} builds one, with
     * {@code Instant.now()} and {@code System.nanoTime()}) and the chain.
     */
    @Benchmark
    public Result newExchangeAndExecute() {
        return chain.execute(newExchange());
    }
}
