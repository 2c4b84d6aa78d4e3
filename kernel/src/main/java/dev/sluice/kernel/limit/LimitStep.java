package dev.sluice.kernel.limit;

import dev.sluice.kernel.auth.Access;
import dev.sluice.kernel.auth.VirtualKey;
import dev.sluice.kernel.budget.RequestSize;
import dev.sluice.kernel.spend.CallCost;
import dev.sluice.kernel.spend.StreamEnd;
import dev.sluice.spi.model.Usage;
import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Result;
import dev.sluice.spi.state.StateStore;
import dev.sluice.spi.state.StateStore.WindowHit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests and tokens per minute, per key, team and model, over sliding 60-second windows. A
 * request is counted in every window that applies, or in none: when one window is full, the hits
 * already made are taken back and the request gets {@code 429 rate_limit_exceeded} with
 * {@code Retry-After}. Tokens are counted before the call as an estimate (the prompt at four bytes
 * a token, plus {@code max_tokens} when set) and corrected to the actual usage afterwards.
 *
 * <p>The {@code x-ratelimit-*} headers describe the window with the least room left.
 */
public final class LimitStep implements ChainStep {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final LimitConfig config;
    private final StateStore store;

    public LimitStep(LimitConfig config, StateStore store) {
        this.config = config;
        this.store = store;
    }

    /**
     * One window for this request.
     *
     * @param counter the window's name in the store
     * @param what e.g. {@code key 'key_1'}, for messages
     * @param limit the limit
     */
    private record Window(String counter, String what, long limit) {
    }

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        Map<String, Window> requests = new LinkedHashMap<>();
        Map<String, Window> tokens = new LinkedHashMap<>();
        collect(exchange, requests, tokens);
        if (requests.isEmpty() && tokens.isEmpty()) {
            return chain.proceed(exchange);
        }
        long estimate = tokens.isEmpty() ? 0
                : RequestSize.promptTypical(exchange.request()) + RequestSize.outputAsked(exchange.request());
        List<Runnable> undo = new ArrayList<>();
        headers(exchange, "requests", take(exchange, requests.values(), 1, undo, "requests"));
        headers(exchange, "tokens", take(exchange, tokens.values(), estimate, undo, "tokens"));
        Result result;
        try {
            result = chain.proceed(exchange);
        } catch (RuntimeException e) {
            correct(tokens.values(), -estimate);
            throw e;
        }
        if (tokens.isEmpty()) {
            return result;
        }
        java.util.function.Consumer<Optional<Usage>> settle = observed -> correct(tokens.values(),
                CallCost.usage(exchange, observed).map(u -> (long) u.totalTokens()).orElse(estimate) - estimate);
        if (result instanceof Result.Stream stream) {
            return new Result.Stream(StreamEnd.then(stream.chunks(), settle));
        }
        settle.accept(CallCost.usageOf(result));
        return result;
    }

    private void collect(Exchange exchange, Map<String, Window> requests, Map<String, Window> tokens) {
        Optional<VirtualKey> key = exchange.attribute(Access.KEY);
        key.ifPresent(k -> {
            k.rpm().ifPresent(v -> add(requests, Scope.KEY, k.id(), "requests", v));
            k.tpm().ifPresent(v -> add(tokens, Scope.KEY, k.id(), "tokens", v));
        });
        for (LimitRule rule : config.rules()) {
            for (String value : rule.scope().valuesOf(exchange.caller(), exchange.request().model())) {
                if (rule.id().isEmpty() || rule.id().get().equals(value)) {
                    rule.rpm().ifPresent(v -> add(requests, rule.scope(), value, "requests", v));
                    rule.tpm().ifPresent(v -> add(tokens, rule.scope(), value, "tokens", v));
                }
            }
        }
    }

    private static void add(Map<String, Window> windows, Scope scope, String value, String unit, long limit) {
        String counter = "rate:" + scope.key() + ":" + value + ":" + unit;
        Window w = new Window(counter, scope.key() + " '" + value + "'", limit);
        windows.merge(counter, w, (a, b) -> a.limit() <= b.limit() ? a : b);
    }

    /** Counts {@code amount} in every window, or (undoing what was counted) rejects. Returns the tightest hit. */
    private WindowHit take(Exchange exchange, Iterable<Window> windows, long amount, List<Runnable> undo,
            String unit) {
        WindowHit tightest = null;
        for (Window w : windows) {
            WindowHit hit = store.hit(w.counter(), amount, w.limit(), WINDOW);
            if (!hit.allowed()) {
                undo.forEach(Runnable::run);
                headers(exchange, unit, hit);
                throw new GatewayException(ErrorType.RATE_LIMIT, "rate limit reached for " + w.what() + ": "
                        + w.limit() + " " + unit + " per minute" + (amount > w.limit()
                                ? "; this request alone counts " + amount + " " + unit
                                : "; retry in " + ResetFormat.of(hit.retryAfter())))
                        .withCode("rate_limit_exceeded").withRetryAfter(hit.retryAfter());
            }
            undo.add(() -> store.hit(w.counter(), -amount, Long.MAX_VALUE, WINDOW));
            if (tightest == null || hit.remaining() < tightest.remaining()) {
                tightest = hit;
            }
        }
        return tightest;
    }

    private void correct(Iterable<Window> windows, long delta) {
        if (delta == 0) {
            return;
        }
        for (Window w : windows) {
            store.hit(w.counter(), delta, Long.MAX_VALUE, WINDOW);
        }
    }

    private static void headers(Exchange exchange, String unit, WindowHit hit) {
        if (hit == null) {
            return;
        }
        exchange.responseHeader("x-ratelimit-limit-" + unit, Long.toString(hit.limit()));
        exchange.responseHeader("x-ratelimit-remaining-" + unit, Long.toString(hit.remaining()));
        exchange.responseHeader("x-ratelimit-reset-" + unit, ResetFormat.of(hit.resetAfter()));
    }
}
