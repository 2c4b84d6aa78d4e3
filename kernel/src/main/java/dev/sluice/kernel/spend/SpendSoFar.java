package dev.sluice.kernel.spend;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What one caller dimension (a key, team, project, user or session) has spent, as JavaScript
 * policies read it through {@code ctx.spend}: today and this month (UTC calendar periods, as
 * budgets count them) and everything the ledger still holds.
 *
 * @param today spend of the current UTC day
 * @param month spend of the current UTC month
 * @param total all spend kept ({@link SpendLedger#RETENTION})
 */
public record SpendSoFar(SpendTotals today, SpendTotals month, SpendTotals total) {
    static final SpendSoFar NONE = new SpendSoFar(SpendTotals.ZERO, SpendTotals.ZERO, SpendTotals.ZERO);

    /**
     * Running totals of one dimension, as kept: the day and month they were last added to.
     *
     * @param day the UTC epoch day of {@code today}
     * @param monthIndex year × 12 + month of {@code month}
     */
    record Running(long day, long monthIndex, SpendTotals today, SpendTotals month, SpendTotals total) {

        static Running of(Instant at, SpendTotals call) {
            return new Running(day(at), monthIndex(at), call, call, call);
        }

        /** These totals with a later (or, out of order, an earlier) call's added in. */
        Running plus(Running call) {
            SpendTotals nextToday = call.day > day ? call.today : call.day == day ? today.plus(call.today) : today;
            SpendTotals nextMonth = call.monthIndex > monthIndex ? call.month
                    : call.monthIndex == monthIndex ? month.plus(call.month) : month;
            return new Running(Math.max(day, call.day), Math.max(monthIndex, call.monthIndex), nextToday, nextMonth,
                    total.plus(call.total));
        }

        /** What the totals say at a moment: a day or month that has passed counts as nothing spent. */
        SpendSoFar at(Instant now) {
            return new SpendSoFar(day == day(now) ? today : SpendTotals.ZERO,
                    monthIndex == monthIndex(now) ? month : SpendTotals.ZERO, total);
        }

        static long day(Instant at) {
            return Math.floorDiv(at.getEpochSecond(), 86_400);
        }

        static long monthIndex(Instant at) {
            ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
            return utc.getYear() * 12L + utc.getMonthValue() - 1;
        }
    }

    /**
     * The spend of a caller's dimensions; each is empty when the caller has no value for it.
     *
     * @param key the virtual key's
     * @param team the team's
     * @param project the project's
     * @param user the user's
     * @param session the session's
     */
    public record OfCaller(Optional<SpendSoFar> key, Optional<SpendSoFar> team, Optional<SpendSoFar> project,
            Optional<SpendSoFar> user, Optional<SpendSoFar> session) {
    }
}
