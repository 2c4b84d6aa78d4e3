package dev.sluice.spi.cost;

import dev.sluice.spi.AttributeKey;

/**
 * What an exchange's cost rests on, set by the gateway when it costs the call (for a complete
 * answer right after the router returns, for a stream when its usage arrives or it ends), next to
 * {@link dev.sluice.spi.Exchange#cost()}:
 * <pre>{@code
 * boolean exact = exchange.attribute(CostBasis.KEY).orElse(null) == CostBasis.REPORTED;
 * }</pre>
 */
public enum CostBasis {
    /** The usage the provider reported, priced from the price table. */
    REPORTED,
    /**
     * The provider reported no usage: the gateway counted it (prompt tokens from the request's
     * text, completion tokens from the answer's, four characters a token) and priced that.
     */
    ESTIMATED,
    /** The model has no price: the exchange has no cost, which does not mean it was free. */
    UNPRICED;

    /** The exchange attribute holding the basis. */
    public static final AttributeKey<CostBasis> KEY = AttributeKey.of("sluice.cost.basis", CostBasis.class);
}
