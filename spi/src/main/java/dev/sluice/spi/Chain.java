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
}
