package dev.sluice.spi;

/**
 * One step of the policy chain: authentication, rate limits, budgets, guardrails, caching,
 * audit, JS policies are all chain steps.
 *
 * <p>A step may change the exchange (request, caller, attributes) before calling
 * {@link Chain#proceed(Exchange)}, return without proceeding (short-circuit), throw a
 * {@link GatewayException} to reject, or wrap the result it gets back. A step instance serves
 * every request concurrently, so it keeps per-request state on the {@link Exchange} only.
 *
 * <pre>{@code
 * ChainStep tagger = chain -> {
 *     chain.exchange().responseHeader("x-tenant", "blue");
 *     return chain.proceed(chain.exchange());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ChainStep {

    /** Handles the exchange, usually by proceeding down the chain. */
    Result intercept(Chain chain);
}
