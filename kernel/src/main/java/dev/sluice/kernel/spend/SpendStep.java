package dev.sluice.kernel.spend;

import dev.sluice.kernel.budget.Money;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Result;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.model.Usage;
import java.util.Optional;
import java.util.OptionalLong;

/** Records every answered call in the spend ledger, when it is over (for a stream: when it closes). */
public final class SpendStep implements ChainStep {
    private final SpendLedger ledger;
    private final CostMeter costs;

    public SpendStep(SpendLedger ledger, CostMeter costs) {
        this.ledger = ledger;
        this.costs = costs;
    }

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        String model = exchange.request().model();
        Result result = chain.proceed(exchange);
        if (result instanceof Result.Stream stream) {
            return new Result.Stream(StreamEnd.then(stream.chunks(), usage -> record(exchange, model, usage)));
        }
        record(exchange, model, CallCost.usageOf(result));
        return result;
    }

    private void record(Exchange exchange, String model, Optional<Usage> observed) {
        Caller c = exchange.caller();
        OptionalLong cost = CallCost.of(exchange, observed, costs).map(usd -> OptionalLong.of(Money.nanos(usd)))
                .orElse(OptionalLong.empty());
        Optional<Usage> usage = CallCost.usage(exchange, observed);
        long prompt = usage.map(u -> (long) u.promptTokens()).orElse(0L);
        long completion = usage.map(u -> (long) u.completionTokens()).orElse(0L);
        long latency = (System.nanoTime() - exchange.startNanos()) / 1_000_000;
        ledger.record(new SpendEntry(exchange.receivedAt(), c.keyId(), c.team(), c.project(), c.user(), c.session(),
                c.tags(), model, cost, prompt, completion, latency));
    }
}
