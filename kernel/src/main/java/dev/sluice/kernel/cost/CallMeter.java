package dev.sluice.kernel.cost;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.Result;
import dev.sluice.spi.Target;
import dev.sluice.spi.cost.CostBasis;
import dev.sluice.spi.cost.ModelPrice;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Costs every call the moment its usage is known, and records usage, cost and {@link CostBasis}
 * on the exchange, where the chain's steps (budgets, spend, audit) find them on the way out.
 *
 * <p>A complete answer (chat or embeddings) is costed as the router returns it, before any step
 * sees it, and its cost goes into the response headers ({@link CostHeaders}). A stream's cost is
 * known only at its end: the router's stream gets a {@link StreamTally}, which the inbound API's
 * relay feeds every chunk it passes on; headers are long sent by then, so the cost of a stream is
 * on the exchange only.
 *
 * <p>The price is the target's model's; when that has none (an Azure deployment named by its
 * owner, an OpenRouter alias), the model the upstream named in its answer. A call neither prices
 * has no cost: it is reported ({@code x-sluice-cost: unpriced}, a warning logged once per model,
 * {@link PriceBook#unpriced()}) and never counted as free.
 */
public final class CallMeter {
    static final String ESTIMATED = "estimated";
    static final String UNPRICED = "unpriced";

    private final PriceBook prices;

    /** @param prices the prices of the configuration this meter serves */
    public CallMeter(PriceBook prices) {
        this.prices = prices;
    }

    /** {@code router}, followed by costing what it answered: the last link of the policy chain. */
    public Function<Exchange, Result> after(Function<Exchange, Result> router) {
        return exchange -> settle(exchange, router.apply(exchange));
    }

    /** Costs a complete answer now, or readies a stream to be costed as it is relayed; returns the result. */
    public Result settle(Exchange exchange, Result result) {
        switch (result) {
            case Result.Chat chat -> {
                ChatResponse answer = chat.response();
                complete(exchange, answer.usage(), answer.model(), () -> UsageEstimate.chars(answer));
            }
            case Result.Embeddings embeddings ->
                complete(exchange, embeddings.response().usage(), embeddings.response().model(), () -> 0);
            case Result.Stream stream -> exchange.attribute(StreamTally.KEY, new StreamTally(this, exchange));
        }
        return result;
    }

    private void complete(Exchange exchange, Usage reported, String answerModel, LongSupplier answerChars) {
        boolean estimated = reported == null;
        Usage usage = estimated ? UsageEstimate.of(exchange.request(), answerChars.getAsLong()) : reported;
        Optional<BigDecimal> cost = record(exchange, usage, estimated ? CostBasis.ESTIMATED : CostBasis.REPORTED,
                answerModel);
        if (cost.isPresent()) {
            exchange.responseHeader(CostHeaders.USD, CostHeaders.usd(cost.get()));
            if (estimated) {
                exchange.responseHeader(CostHeaders.NOTE, ESTIMATED);
            }
        } else if (exchange.servedBy().isPresent()) {
            exchange.responseHeader(CostHeaders.NOTE, UNPRICED);
        }
    }

    /**
     * Records a call's usage, and its cost when the model has a price.
     *
     * @param answerModel the model the upstream named in its answer, or {@code null}
     * @return the cost, empty when no target served or the model has no price
     */
    Optional<BigDecimal> record(Exchange exchange, Usage usage, CostBasis basis, String answerModel) {
        exchange.usage(usage);
        Optional<Target> served = exchange.servedBy();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        Target target = served.get();
        Optional<ModelPrice> price = prices.price(target.provider(), target.model());
        if (price.isEmpty() && answerModel != null && !answerModel.equals(target.model())) {
            price = prices.price(target.provider(), answerModel);
        }
        if (price.isEmpty()) {
            exchange.attribute(CostBasis.KEY, CostBasis.UNPRICED);
            prices.reportUnpriced(target.provider(), target.model());
            return Optional.empty();
        }
        BigDecimal cost = price.get().costOf(usage);
        exchange.cost(cost);
        exchange.attribute(CostBasis.KEY, basis);
        return Optional.of(cost);
    }
}
