package dev.sluice.kernel.spend;

import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Settled spend in real time, in this process's memory: calls summed per minute and per caller
 * (key, team, project, user, session, tags) and model, kept for {@link #RETENTION}. Queries add
 * the minutes of a time range up, grouped by one dimension. Recording is one atomic map update;
 * queries never block it.
 */
public final class SpendLedger {
    /** How long minutes are kept. */
    public static final Duration RETENTION = Duration.ofDays(35);
    private static final int PRUNE_EVERY = 10_000;

    private final Clock clock;
    private final Map<Bucket, SpendTotals> buckets = new ConcurrentHashMap<>();
    /** Running totals per dimension and value, so that one caller's spend is a few map reads. */
    private final Map<Dimension, SpendSoFar.Running> running = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();

    public SpendLedger(Clock clock) {
        this.clock = clock;
    }

    /** One minute of one caller and model. */
    private record Bucket(long minute, Caller caller, String model) {
    }

    /** One value of one caller dimension: key, team, project, user or session. */
    private record Dimension(char kind, String value) {
    }

    /**
     * One group of a report.
     *
     * @param value the group's value, empty for calls without one (no team, say)
     * @param totals what the group spent
     */
    public record Row(Optional<String> value, SpendTotals totals) {
    }

    /** Counts one call. */
    public void record(SpendEntry e) {
        Caller caller = new Caller(e.key(), e.team(), e.project(), e.user(), e.session(), e.tags());
        Bucket bucket = new Bucket(e.at().getEpochSecond() / 60, caller, e.model());
        SpendTotals call = SpendTotals.ZERO.plus(e);
        buckets.merge(bucket, call, SpendTotals::plus);
        SpendSoFar.Running added = SpendSoFar.Running.of(e.at(), call);
        e.key().ifPresent(v -> running.merge(new Dimension('k', v), added, SpendSoFar.Running::plus));
        e.team().ifPresent(v -> running.merge(new Dimension('t', v), added, SpendSoFar.Running::plus));
        e.project().ifPresent(v -> running.merge(new Dimension('p', v), added, SpendSoFar.Running::plus));
        e.user().ifPresent(v -> running.merge(new Dimension('u', v), added, SpendSoFar.Running::plus));
        e.session().ifPresent(v -> running.merge(new Dimension('s', v), added, SpendSoFar.Running::plus));
        if (records.incrementAndGet() % PRUNE_EVERY == 0) {
            Instant cutoff = clock.instant().minus(RETENTION);
            long oldest = cutoff.getEpochSecond() / 60;
            buckets.keySet().removeIf(b -> b.minute < oldest);
            long oldestDay = SpendSoFar.Running.day(cutoff);
            running.values().removeIf(r -> r.day() < oldestDay);
        }
    }

    /**
     * What the caller's key, team, project, user and session have spent today, this month and in
     * all (within {@link #RETENTION}), at {@code now}; a few map reads.
     */
    public SpendSoFar.OfCaller soFar(Caller caller, Instant now) {
        return new SpendSoFar.OfCaller(soFar('k', caller.keyId(), now), soFar('t', caller.team(), now),
                soFar('p', caller.project(), now), soFar('u', caller.user(), now), soFar('s', caller.session(), now));
    }

    private Optional<SpendSoFar> soFar(char kind, Optional<String> value, Instant now) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        SpendSoFar.Running totals = running.get(new Dimension(kind, value.get()));
        return Optional.of(totals == null ? SpendSoFar.NONE : totals.at(now));
    }

    /**
     * Spend between {@code from} and {@code to}, at minute resolution (a minute of arrivals
     * counts when it overlaps the range), grouped by one dimension, highest cost first. A call with several tags counts toward each.
     */
    public List<Row> report(Scope groupBy, Instant from, Instant to) {
        Map<Optional<String>, SpendTotals> groups = new LinkedHashMap<>();
        for (Map.Entry<Bucket, SpendTotals> e : inRange(from, to, b -> true)) {
            List<String> values = groupBy.valuesOf(e.getKey().caller(), e.getKey().model());
            if (values.isEmpty()) {
                groups.merge(Optional.empty(), e.getValue(), SpendTotals::plus);
            }
            values.forEach(v -> groups.merge(Optional.of(v), e.getValue(), SpendTotals::plus));
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((value, totals) -> rows.add(new Row(value, totals)));
        rows.sort(Comparator.comparingLong((Row r) -> r.totals().costNanos()).reversed()
                .thenComparing(r -> r.value().orElse("")));
        return rows;
    }

    /** Everything spent between {@code from} and {@code to}. */
    public SpendTotals total(Instant from, Instant to) {
        return sum(inRange(from, to, b -> true));
    }

    /** Everything one session spent, and per model. */
    public Map<String, SpendTotals> session(String id) {
        Map<String, SpendTotals> byModel = new LinkedHashMap<>();
        for (Map.Entry<Bucket, SpendTotals> e : inRange(Instant.EPOCH, Instant.MAX,
                b -> b.caller().session().filter(id::equals).isPresent())) {
            byModel.merge(e.getKey().model(), e.getValue(), SpendTotals::plus);
        }
        return byModel;
    }

    private List<Map.Entry<Bucket, SpendTotals>> inRange(Instant from, Instant to, Predicate<Bucket> filter) {
        // Minute resolution: a minute counts when it overlaps [from, to).
        long first = Math.floorDiv(from.getEpochSecond(), 60);
        long end = Math.floorDiv(to.getEpochSecond(), 60) + (to.getEpochSecond() % 60 == 0 && to.getNano() == 0 ? 0 : 1);
        List<Map.Entry<Bucket, SpendTotals>> out = new ArrayList<>();
        for (Map.Entry<Bucket, SpendTotals> e : buckets.entrySet()) {
            long m = e.getKey().minute();
            if (m >= first && m < end && filter.test(e.getKey())) {
                out.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static SpendTotals sum(List<Map.Entry<Bucket, SpendTotals>> entries) {
        SpendTotals total = SpendTotals.ZERO;
        for (Map.Entry<Bucket, SpendTotals> e : entries) {
            total = total.plus(e.getValue());
        }
        return total;
    }
}
