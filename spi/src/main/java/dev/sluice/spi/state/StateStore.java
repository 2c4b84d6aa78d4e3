package dev.sluice.spi.state;

import java.time.Duration;

/**
 * Shared counters for budgets, rate limits and spend: plain counters, sliding windows and
 * reservations. Every operation is atomic on its key, so that many gateway threads (and, with a
 * shared store, many gateway instances) never lose an update or let two callers take the same
 * headroom.
 *
 * <p>The operations are chosen to map onto Redis: {@link #incrementBy} is {@code INCRBY} plus
 * {@code PEXPIRE … NX}; {@link #hit} is a sorted-set log trimmed and summed in one Lua script;
 * {@link #reserve}, {@link #settle} and {@link #release} are a read-compare-{@code INCRBY} script
 * on one counter. Amounts are whole numbers (budgets count nano-dollars, limits count requests or
 * tokens), so that no store has to do decimal arithmetic.
 *
 * <p>A store serves every request concurrently, from many virtual threads.
 *
 * <pre>{@code
 * StateStore.Reservation r = store.reserve("budget:team:blue:day", cost, limit, Duration.ofDays(2));
 * if (!r.granted()) { reject(); }
 * try { call(); store.settle(r, actualCost); } catch (RuntimeException e) { store.release(r); throw e; }
 * }</pre>
 */
public interface StateStore extends AutoCloseable {

    /**
     * Adds {@code delta} (which may be negative) to a counter and returns the new value. A counter
     * that does not exist starts at 0 and expires {@code ttl} after it was created; later
     * increments do not extend its life.
     */
    long incrementBy(String key, long delta, Duration ttl);

    /** A counter's value; 0 when it does not exist or has expired. */
    long get(String key);

    /**
     * Counts {@code amount} into the sliding window {@code key} when it fits: when the sum of the
     * amounts counted in the last {@code window}, plus {@code amount}, is at most {@code limit}.
     * A non-positive amount always fits (it corrects an earlier estimate). Fitting and counting are
     * one atomic step.
     *
     * @return whether it was counted, what is left, and when the window frees up
     */
    WindowHit hit(String key, long amount, long limit, Duration window);

    /**
     * Takes {@code amount} from a capped counter when it fits: when the counter (settled amounts
     * plus open reservations) plus {@code amount} is at most {@code limit}. Checking and taking
     * are one atomic step, so concurrent callers can never together go over the limit. The counter
     * expires {@code ttl} after it was created. An amount of 0 is granted while the counter is
     * below the limit, so an exhausted cap refuses even calls that claim to cost nothing.
     */
    Reservation reserve(String key, long amount, long limit, Duration ttl);

    /**
     * Replaces a granted reservation by what was actually used: the counter moves by
     * {@code actual - reservation.amount()}. Returns the counter's new value. Settling more than
     * was reserved is counted in full (the spend happened) even when it passes the limit.
     */
    long settle(Reservation reservation, long actual);

    /** Gives a granted reservation back in full (the call failed, nothing was spent). */
    void release(Reservation reservation);

    /** Releases connections; the in-memory store forgets everything. */
    @Override
    default void close() {
    }

    /**
     * The outcome of {@link #hit}.
     *
     * @param allowed whether the amount was counted
     * @param limit the limit checked against
     * @param remaining what may still be counted in the window now (after this hit, if counted)
     * @param resetAfter how long until everything now in the window has left it
     * @param retryAfter when not allowed: how long until the amount would fit (the whole window
     *     when it never can); zero when allowed
     */
    record WindowHit(boolean allowed, long limit, long remaining, Duration resetAfter, Duration retryAfter) {
    }

    /**
     * A claim on a capped counter, from {@link #reserve}.
     *
     * @param key the counter
     * @param amount what was taken (nothing when not granted)
     * @param granted whether it fit
     * @param used the counter's value after the claim (or, when not granted, as it stood)
     * @param limit the limit checked against
     */
    record Reservation(String key, long amount, boolean granted, long used, long limit) {
    }
}
