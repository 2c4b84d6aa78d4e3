package dev.sluice.kernel.cache;

import dev.sluice.kernel.cost.CostHeaders;
import dev.sluice.kernel.stream.ReplayedStream;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Result;
import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachedAnswer;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code cache} step: answers a cacheable request from the stores, or lets it through and
 * keeps its answer. A request is cacheable when its route caches, its temperature is 0 or unset,
 * it asks for one answer, it has no tools (unless the route allows them), it has an identity the
 * route's scope can use, and the client did not say {@code x-sluice-cache: bypass}. The client
 * may also say {@code refresh} (call the upstream, keep the new answer), {@code Cache-Control:
 * no-cache} (the same) or {@code no-store} (may be served, is not kept).
 *
 * <p>Concurrent identical misses: the first calls the upstream; the others wait for it (up to
 * {@link #FOLLOW_LIMIT}) and are then served from the cache, or call the upstream themselves when
 * the first one's answer was not kept (it failed, or its stream was cut).
 */
final class CacheStep implements ChainStep {
    static final String HEADER = "x-sluice-cache";
    static final Duration FOLLOW_LIMIT = Duration.ofMinutes(5);

    private final CacheConfig config;
    private final CacheStores stores;
    private final Clock clock;

    CacheStep(CacheConfig config, CacheStores stores, Clock clock) {
        this.config = config;
        this.stores = stores;
        this.clock = clock;
    }

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        if (!(exchange.request() instanceof ChatRequest request) || !stores.active()) {
            return chain.proceed(exchange);
        }
        CacheConfig.RouteCache route = config.of(request.model());
        Directive directive = Directive.of(exchange);
        Optional<String> scope = CacheKeys.scope(route.scope(), exchange.caller());
        if (!route.enabled() || directive.bypass() || scope.isEmpty() || !cacheable(request, route)) {
            exchange.cacheStatus("bypass");
            exchange.responseHeader(HEADER, "bypass");
            return chain.proceed(exchange);
        }
        CacheKey key = CacheKeys.of(request, request.model(), scope.get(), route.ttl());
        CompletableFuture<Void> flight = null;
        if (directive.read()) {
            Optional<CacheHit> hit = stores.lookup(key);
            if (hit.isEmpty()) {
                CompletableFuture<Void> mine = new CompletableFuture<>();
                Optional<CompletableFuture<Void>> leader = stores.board(key.hash(), mine);
                if (leader.isPresent()) {
                    await(leader.get());
                    hit = stores.lookup(key);
                } else {
                    flight = mine;
                }
            }
            if (hit.isPresent()) {
                return serve(exchange, request, hit.get());
            }
        }
        exchange.cacheStatus("miss");
        exchange.responseHeader(HEADER, directive.read() ? "miss" : "refresh");
        return through(chain, exchange, key, directive.write(), flight);
    }

    private Result through(Chain chain, Exchange exchange, CacheKey key, boolean write, CompletableFuture<Void> flight) {
        Result result;
        try {
            result = chain.proceed(exchange);
        } catch (RuntimeException e) {
            land(key, flight);
            throw e;
        }
        switch (result) {
            case Result.Chat chat -> {
                if (write) {
                    byte[] json = exchange.answerJson(chat.response()).orElseGet(() -> Json.bytes(chat.response()));
                    keep(key, exchange, chat.response(), json);
                }
                land(key, flight);
                return result;
            }
            case Result.Stream stream -> {
                return new Result.Stream(new RecordingStream(stream.chunks(),
                        answer -> {
                            if (write) {
                                keep(key, exchange, answer, Json.bytes(answer));
                            }
                        }, () -> land(key, flight)));
            }
            default -> {
                land(key, flight);
                return result;
            }
        }
    }

    private void keep(CacheKey key, Exchange exchange, ChatResponse answer, byte[] json) {
        // An answer without a finish reason was cut short (a stream that just stopped): never kept.
        if (answer.choices() == null || answer.choices().isEmpty()
                || answer.choices().stream().anyMatch(c -> c.finishReason() == null)) {
            return;
        }
        stores.store(key, new CachedAnswer(answer, json, exchange.cost(), clock.instant()));
    }

    private void land(CacheKey key, CompletableFuture<Void> flight) {
        if (flight != null) {
            stores.land(key.hash(), flight);
        }
    }

    private static Result serve(Exchange exchange, ChatRequest request, CacheHit hit) {
        CachedAnswer answer = hit.answer();
        ChatResponse response = answer.response();
        exchange.cacheStatus("hit");
        exchange.responseHeader(HEADER, "hit");
        exchange.route(request.model(), "cache");
        exchange.cacheHit(hit.similarity().isPresent() ? hit.similarity().getAsDouble() : null,
                answer.cost().orElse(null));
        exchange.responseModel(response.model());
        if (response.usage() != null) {
            exchange.usage(response.usage());
        }
        exchange.cost(BigDecimal.ZERO);
        exchange.responseHeader(CostHeaders.USD, CostHeaders.usd(BigDecimal.ZERO));
        if (hit.similarity().isPresent()) {
            exchange.responseHeader("x-sluice-cache-similarity",
                    String.format(Locale.ROOT, "%.4f", hit.similarity().getAsDouble()));
        }
        if (request.isStream()) {
            return new Result.Stream(new ReplayedStream(response));
        }
        exchange.answerJson(response, answer.json());
        return new Result.Chat(response);
    }

    private static boolean cacheable(ChatRequest request, CacheConfig.RouteCache route) {
        boolean deterministic = request.temperature() == null || request.temperature() == 0.0;
        boolean single = request.n() == null || request.n() == 1;
        boolean tools = request.tools() == null || request.tools().isEmpty() || route.allowTools();
        return deterministic && single && tools && request.messages() != null && !request.messages().isEmpty();
    }

    private static void await(CompletableFuture<Void> leader) {
        try {
            leader.get(FOLLOW_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Look again and, on a miss, call the upstream like any miss.
        }
    }

    /** What the client asked of the cache. */
    private record Directive(boolean bypass, boolean read, boolean write) {

        static Directive of(Exchange exchange) {
            String asked = exchange.requestHeader(HEADER).orElse("").trim().toLowerCase(Locale.ROOT);
            String control = exchange.requestHeader("cache-control").orElse("").toLowerCase(Locale.ROOT);
            boolean noStore = control.contains("no-store");
            boolean noCache = control.contains("no-cache");
            return new Directive(asked.equals("bypass"), !asked.equals("refresh") && !noCache, !noStore);
        }
    }
}
