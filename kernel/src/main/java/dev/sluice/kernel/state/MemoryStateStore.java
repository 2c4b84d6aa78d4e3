package dev.sluice.kernel.state;

import dev.sluice.spi.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in store: everything in this process's memory, lost on restart, not shared between
 * instances. Counters are updated inside {@link ConcurrentHashMap#compute}, so each operation is
 * atomic on its key; a sliding window is an exact log of its hits, locked per key. Expired
 * counters and empty windows are swept every few thousand operations.
 */
public final class MemoryStateStore implements StateStore {
    private static final int SWEEP_EVERY = 4096;

    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong operations = new AtomicLong();

    public MemoryStateStore(Clock clock) {
        this.clock = clock;
    }

    private record Counter(long value, long expiresAt) {
    }

    @Override
    public long incrementBy(String key, long delta, Duration ttl) {
        long now = tick();
        return counters.compute(key, (k, c) -> live(c, now) ? new Counter(c.value + delta, c.expiresAt)
                : new Counter(delta, now + ttl.toMillis())).value;
    }

    @Override
    public long get(String key) {
        Counter c = counters.get(key);
        return live(c, clock.millis()) ? c.value : 0;
    }

    @Override
    public Reservation reserve(String key, long amount, long limit, Duration ttl) {
        if (amount < 0) {
            throw new IllegalArgumentException("a reservation cannot be negative");
        }
        long now = tick();
        Reservation[] out = new Reservation[1];
        counters.compute(key, (k, c) -> {
            Counter current = live(c, now) ? c : new Counter(0, now + ttl.toMillis());
            if (amount == 0 ? current.value < limit : current.value + amount <= limit) {
                Counter next = new Counter(current.value + amount, current.expiresAt);
                out[0] = new Reservation(key, amount, true, next.value, limit);
                return next;
            }
            out[0] = new Reservation(key, 0, false, current.value, limit);
            return current;
        });
        return out[0];
    }

    @Override
    public long settle(Reservation reservation, long actual) {
        if (!reservation.granted()) {
            throw new IllegalArgumentException("only a granted reservation can be settled");
        }
        return adjust(reservation.key(), actual - reservation.amount());
    }

    @Override
    public void release(Reservation reservation) {
        if (reservation.granted() && reservation.amount() != 0) {
            adjust(reservation.key(), -reservation.amount());
        }
    }

    /** Moves a counter that a reservation made; one that expired meanwhile starts afresh with its own period. */
    private long adjust(String key, long delta) {
        long now = tick();
        Counter c = counters.computeIfPresent(key, (k, old) -> live(old, now)
                ? new Counter(old.value + delta, old.expiresAt) : null);
        return c == null ? 0 : c.value;
    }

    @Override
    public WindowHit hit(String key, long amount, long limit, Duration window) {
        long now = tick();
        long span = Math.max(1, window.toMillis());
        while (true) {
            Window w = windows.computeIfAbsent(key, k -> new Window());
            synchronized (w) {
                if (w.swept) {
                    continue; // removed by a sweep between the lookup and the lock
                }
                return hit(w, now, span, amount, limit);
            }
        }
    }

    private static WindowHit hit(Window w, long now, long span, long amount, long limit) {
        w.expire(now - span);
        boolean allowed = amount <= 0 || w.sum + amount <= limit;
        if (allowed && amount != 0) {
            w.add(now, amount);
        }
        long remaining = Math.max(0, limit - w.sum);
        Duration reset = w.entries.isEmpty() ? Duration.ZERO : Duration.ofMillis(w.lastAt - (now - span));
        Duration retry = allowed ? Duration.ZERO : Duration.ofMillis(w.freeAfter(amount, limit, now, span));
        return new WindowHit(allowed, limit, remaining, reset, retry);
    }

    private long tick() {
        long now = clock.millis();
        if (operations.incrementAndGet() % SWEEP_EVERY == 0) {
            counters.values().removeIf(c -> !live(c, now));
            windows.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    e.getValue().swept = e.getValue().lastAt <= now - 86_400_000L;
                    return e.getValue().swept;
                }
            });
        }
        return now;
    }

    private static boolean live(Counter c, long now) {
        return c != null && c.expiresAt > now;
    }

    @Override
    public void close() {
        counters.clear();
        windows.clear();
    }

    /** One sliding window: its hits in time order and their running sum. */
    private static final class Window {
        private final ArrayDeque<long[]> entries = new ArrayDeque<>();
        private long sum;
        private long lastAt;
        private boolean swept;

        void add(long at, long amount) {
            entries.addLast(new long[] {at, amount});
            sum += amount;
            lastAt = at;
        }

        void expire(long cutoff) {
            while (!entries.isEmpty() && entries.peekFirst()[0] <= cutoff) {
                sum -= entries.pollFirst()[1];
            }
        }

        /** Milliseconds until enough old hits have left the window for {@code amount} to fit. */
        long freeAfter(long amount, long limit, long now, long span) {
            if (amount > limit) {
                return span;
            }
            long sumLeft = sum;
            for (long[] e : entries) {
                sumLeft -= e[1];
                if (sumLeft + amount <= limit) {
                    return Math.max(1, e[0] + span - now);
                }
            }
            return span;
        }
    }
}
