package dev.sluice.kernel.spend;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.Result;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Optional;

/** What a call cost, once it is over: the exchange's cost, else its usage priced by the target that served it. */
public final class CallCost {
    private CallCost() {
    }

    /**
     * The cost in US dollars; empty when nothing answered, the usage is unknown, or the model has
     * no price.
     *
     * @param observed the usage seen in the answer, for when the exchange does not know it
     */
    public static Optional<BigDecimal> of(Exchange exchange, Optional<Usage> observed, CostMeter costs) {
        return exchange.cost().or(() -> exchange.servedBy().flatMap(target -> usage(exchange, observed)
                .flatMap(usage -> costs.costOf(target.provider(), target.model(), usage))));
    }

    /** The exchange's usage, else the one observed. */
    public static Optional<Usage> usage(Exchange exchange, Optional<Usage> observed) {
        return exchange.usage().or(() -> observed);
    }

    /** The usage a complete result carries. */
    public static Optional<Usage> usageOf(Result result) {
        return switch (result) {
            case Result.Chat chat -> Optional.ofNullable(chat.response().usage());
            case Result.Embeddings embeddings -> Optional.ofNullable(embeddings.response().usage());
            case Result.Stream stream -> Optional.empty();
        };
    }
}
