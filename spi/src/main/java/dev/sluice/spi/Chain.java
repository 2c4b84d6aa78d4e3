package dev.sluice.spi;

/**
 * The rest of the policy chain, as a {@link ChainStep} sees it (the shape of OkHttp's
 * {@code Interceptor.Chain}).
 */
public interface Chain {

    /** The exchange this step was called with. */
    Exchange exchange();

    /**
     * Runs the remaining steps and, at the end, the router. Call it at most once; not calling it
     * short-circuits the request (a cache hit, a rejection).
     */
    Result proceed(Exchange exchange);

    /**
     * Runs the rest of the chain once more, after {@link #proceed} returned: for a step that
     * retries the whole call (an output guardrail asking the model again). At most once.
     *
     * @throws UnsupportedOperationException where the chain does not allow it
     * @throws IllegalStateException before {@link #proceed}, or the second time
     */
    default Result again(Exchange exchange) {
        throw new UnsupportedOperationException("this chain does not run twice");
    }
}
