package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.cost.CostBasis;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelRequest;
import dev.sluice.spi.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the cost lands: on the exchange, and for complete answers in the response headers. */
class CallMeterTest {
    private final PriceBook prices = PriceBookTest.book("");
    private final CallMeter meter = new CallMeter(prices);

    private static Exchange exchange(ModelRequest request, String provider, String model) {
        Operation operation = request instanceof ChatRequest ? Operation.CHAT : Operation.EMBEDDINGS;
        Exchange exchange = new Exchange("req-1", operation, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                h -> Optional.empty(), Instant.EPOCH, 0);
        exchange.servedBy(new Target(provider, model, 1, Settings.empty("t")));
        return exchange;
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of("chat", List.of(Message.of("user", text)));
    }

    private static Result.Chat answer(String model, String text, Usage usage) {
        return new Result.Chat(new ChatResponse("chatcmpl-1", ChatResponse.OBJECT, 1, model,
                List.of(new Choice(0, Message.of("assistant", text), "stop", null, Map.of())), usage, null, Map.of()));
    }

    private static ChatChunk chunk(String model, String text, Usage usage) {
        List<ChunkChoice> choices = text == null ? List.of()
                : List.of(new ChunkChoice(0, Message.of("assistant", text), null, null, Map.of()));
        return new ChatChunk("chatcmpl-1", ChatChunk.OBJECT, 1, model, choices, usage, null, Map.of());
    }

    @Test
    void aCompleteAnswerIsCostedOnTheExchangeAndInTheHeaders() {
        Exchange exchange = exchange(ask("hi"), "openai", "gpt-4o");

        Result result = meter.after(e -> answer("gpt-4o-2024-08-06", "hello", Usages.openai(2000, 1500, 100, 0)))
                .apply(exchange);

        assertThat(result).isInstanceOf(Result.Chat.class);
        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.004125"));
        assertThat(exchange.usage().orElseThrow().promptTokens()).isEqualTo(2000);
        assertThat(exchange.attribute(CostBasis.KEY)).contains(CostBasis.REPORTED);
        assertThat(exchange.responseHeaders()).containsEntry("x-sluice-cost-usd", "0.004125")
                .doesNotContainKey("x-sluice-cost");
    }

    @Test
    void anAnswerWithoutUsageIsCountedAndMarkedEstimated() {
        Exchange exchange = exchange(ask("x".repeat(40)), "openai", "gpt-4o");

        meter.settle(exchange, answer("gpt-4o", "y".repeat(20), null));

        // 10 prompt tokens x 2.50 + 5 completion tokens x 10.00 = 75 per million
        assertThat(exchange.usage()).contains(Usage.of(10, 5));
        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.000075"));
        assertThat(exchange.attribute(CostBasis.KEY)).contains(CostBasis.ESTIMATED);
        assertThat(exchange.responseHeaders()).containsEntry("x-sluice-cost-usd", "0.000075")
                .containsEntry("x-sluice-cost", "estimated");
    }

    @Test
    void anUnpricedModelHasNoCostAndSaysSoRatherThanCostingZero() {
        Exchange exchange = exchange(ask("hi"), "openai", "gpt-9-ultra");

        meter.settle(exchange, answer("gpt-9-ultra", "hello", Usage.of(10, 10)));

        assertThat(exchange.cost()).isEmpty();
        assertThat(exchange.usage()).contains(Usage.of(10, 10));
        assertThat(exchange.attribute(CostBasis.KEY)).contains(CostBasis.UNPRICED);
        assertThat(exchange.responseHeaders()).containsEntry("x-sluice-cost", "unpriced")
                .doesNotContainKey("x-sluice-cost-usd");
        assertThat(prices.unpriced()).containsExactly("openai/gpt-9-ultra");
    }

    @Test
    void aDeploymentNamedByItsOwnerIsPricedByTheModelTheUpstreamNamed() {
        Exchange exchange = exchange(ask("hi"), "azure", "prod-chat");

        meter.settle(exchange, answer("gpt-4o-2024-11-20", "hello", Usages.openai(33, 0, 557, 0)));

        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0056525"));
    }

    @Test
    void embeddingsAreCostedByTheirInput() {
        EmbeddingRequest request = new EmbeddingRequest("text-embedding-3-small",
                JsonNodeFactory.instance.textNode("hello"), null, null, null, Map.of());
        Exchange exchange = exchange(request, "openai", "text-embedding-3-small");

        meter.settle(exchange, new Result.Embeddings(new EmbeddingResponse("list", List.of(), "text-embedding-3-small",
                Usages.embeddings(1000), Map.of())));

        assertThat(exchange.responseHeaders()).containsEntry("x-sluice-cost-usd", "0.00002");
    }

    @Test
    void aStreamIsCostedWhenItsUsageChunkPasses() {
        Exchange exchange = exchange(ask("hi"), "claude", "claude-sonnet-4-5");
        meter.settle(exchange, new Result.Stream(ChunkStream.of(List.of())));
        StreamTally tally = StreamTally.of(exchange);

        tally.chunk(chunk("claude-sonnet-4-5-20250929", "Hello", null));
        assertThat(exchange.cost()).isEmpty();
        tally.chunk(chunk("claude-sonnet-4-5-20250929", null, Usages.anthropic(100, 2000, 1000, 50)));

        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0054"));
        assertThat(exchange.attribute(CostBasis.KEY)).contains(CostBasis.REPORTED);
        tally.end();
        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0054"));
        assertThat(exchange.responseHeaders()).as("a stream's headers left before its cost was known").isEmpty();
    }

    @Test
    void aStreamThatEndsWithoutUsageIsCountedFromItsText() {
        Exchange exchange = exchange(ask("x".repeat(400)), "openai", "gpt-4o-mini");
        meter.settle(exchange, new Result.Stream(ChunkStream.of(List.of())));
        StreamTally tally = StreamTally.of(exchange);

        tally.chunk(chunk("gpt-4o-mini", "y".repeat(30), null));
        tally.chunk(chunk("gpt-4o-mini", "y".repeat(10), null));
        tally.end();

        // 100 prompt tokens x 0.15 + 10 completion tokens x 0.60 = 21 per million
        assertThat(exchange.usage()).contains(Usage.of(100, 10));
        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.000021"));
        assertThat(exchange.attribute(CostBasis.KEY)).contains(CostBasis.ESTIMATED);
    }

    @Test
    void aStreamCutShortBeforeItsUsageHasNoCost() {
        Exchange exchange = exchange(ask("hi"), "openai", "gpt-4o");
        meter.settle(exchange, new Result.Stream(ChunkStream.of(List.of())));

        StreamTally.of(exchange).chunk(chunk("gpt-4o", "partial answ", null));

        assertThat(exchange.cost()).isEmpty();
        assertThat(exchange.usage()).isEmpty();
    }

    @Test
    void aStreamTheMeterDidNotSeeStillRecordsItsUsage() {
        Exchange exchange = exchange(ask("hi"), "openai", "gpt-4o");

        StreamTally.of(exchange).chunk(chunk("gpt-4o", null, Usage.of(3, 4)));

        assertThat(exchange.usage()).contains(Usage.of(3, 4));
        assertThat(exchange.cost()).isEmpty();
    }
}
