package dev.sluice.spi.provider;

import dev.sluice.spi.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * A provider's request headers for each of its API keys ({@code api_keys}), handed out round-robin.
 * A key the upstream answers with 429 rests for the upstream's {@code Retry-After} (or
 * {@code key_cooldown}) while the others carry the traffic; when every key rests, the one that is
 * free soonest is used. With one key (or none) it is a plain holder, with nothing to count.
 * <pre>{@code
 * KeyRing keys = KeyRing.of(http, key -> RequestHeaders.of(key.map(k -> Map.of("x-api-key", k))
 *         .orElse(Map.of()), http.headers()), context.clock());
 * ChatResponse answer = keys.call(headers -> send(headers.complete(), body));
 * }</pre>
 * Safe for concurrent use: the rotation is one atomic counter, the rest times one atomic array.
 */
public final class KeyRing {
    private final List<RequestHeaders> headers;
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicLongArray restingUntil;
    private final long cooldownMillis;
    private final Clock clock;

    private KeyRing(List<RequestHeaders> headers, Duration cooldown, Clock clock) {
        this.headers = List.copyOf(headers);
        this.restingUntil = new AtomicLongArray(headers.size());
        this.cooldownMillis = cooldown.toMillis();
        this.clock = clock;
    }

    /**
     * The headers for every key of the provider entry.
     *
     * @param http the entry's shared settings (its keys and {@code key_cooldown})
     * @param headersFor the headers for one key, or for no key when the entry has none
     * @param clock the gateway's clock
     */
    public static KeyRing of(HttpSettings http, Function<Optional<String>, RequestHeaders> headersFor, Clock clock) {
        List<RequestHeaders> all = new ArrayList<>();
        if (http.keys().isEmpty()) {
            all.add(headersFor.apply(Optional.empty()));
        } else {
            http.keys().forEach(key -> all.add(headersFor.apply(Optional.of(key))));
        }
        return new KeyRing(all, http.keyCooldown(), clock);
    }

    /** How many keys take turns. */
    public int size() {
        return headers.size();
    }

    /**
     * Runs one upstream call with the next key's headers. A 429 from it sets that key resting
     * before the exception goes on to the failover executor.
     */
    public <T> T call(Function<RequestHeaders, T> call) {
        if (headers.size() == 1) {
            return call.apply(headers.get(0));
        }
        int slot = pick();
        try {
            return call.apply(headers.get(slot));
        } catch (UpstreamException e) {
            if (e.upstreamStatus() == 429) {
                long rest = e.upstreamRetryAfter().map(Duration::toMillis).orElse(cooldownMillis);
                restingUntil.set(slot, clock.millis() + rest);
            }
            throw e;
        }
    }

    /** The next key in turn that is not resting; if all are, the one free soonest. */
    private int pick() {
        int n = headers.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        long now = clock.millis();
        int soonest = start;
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            long until = restingUntil.get(slot);
            if (until <= now) {
                return slot;
            }
            if (until < restingUntil.get(soonest)) {
                soonest = slot;
            }
        }
        return soonest;
    }
}
