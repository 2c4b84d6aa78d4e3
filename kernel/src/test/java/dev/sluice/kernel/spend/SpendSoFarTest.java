package dev.sluice.kernel.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The ledger's running totals per caller dimension, as {@code ctx.spend} reads them. */
class SpendSoFarTest {
    private static final Instant DAY_ONE = Instant.parse("2026-03-31T10:00:00Z");
    private static final Caller ANA = Caller.ANONYMOUS.withKeyId("key-1").withTeam("search").withUser("ana")
            .withSession("run-1");

    private final SpendLedger ledger = new SpendLedger(Clock.fixed(DAY_ONE, ZoneOffset.UTC));

    private void spend(Caller caller, Instant at, long nanos) {
        ledger.record(new SpendEntry(at, caller.keyId(), caller.team(), caller.project(), caller.user(),
                caller.session(), caller.tags(), "chat", OptionalLong.of(nanos), 100, 20, 5));
    }

    @Test
    void eachDimensionSumsItsOwnCalls() {
        spend(ANA, DAY_ONE, 1_000);
        spend(ANA, DAY_ONE.plusSeconds(60), 2_000);
        spend(Caller.ANONYMOUS.withTeam("search").withUser("bo"), DAY_ONE, 4_000);

        SpendSoFar.OfCaller soFar = ledger.soFar(ANA, DAY_ONE.plusSeconds(120));
        assertThat(soFar.user().orElseThrow().today().costNanos()).isEqualTo(3_000);
        assertThat(soFar.team().orElseThrow().today().costNanos()).isEqualTo(7_000);
        assertThat(soFar.key().orElseThrow().month().costNanos()).isEqualTo(3_000);
        assertThat(soFar.session().orElseThrow().total().requests()).isEqualTo(2);
        assertThat(soFar.session().orElseThrow().total().promptTokens()).isEqualTo(200);
        assertThat(soFar.project()).as("no project on the caller").isEmpty();
    }

    @Test
    void aNewDayAndANewMonthStartFromNothingWhileTheTotalKeepsCounting() {
        spend(ANA, DAY_ONE, 1_000);
        Instant nextDay = Instant.parse("2026-04-01T00:00:05Z");

        SpendSoFar user = ledger.soFar(ANA, nextDay).user().orElseThrow();
        assertThat(user.today().costNanos()).isZero();
        assertThat(user.month().costNanos()).as("April began").isZero();
        assertThat(user.total().costNanos()).isEqualTo(1_000);

        spend(ANA, nextDay, 500);
        user = ledger.soFar(ANA, nextDay).user().orElseThrow();
        assertThat(user.today().costNanos()).isEqualTo(500);
        assertThat(user.month().costNanos()).isEqualTo(500);
        assertThat(user.total().costNanos()).isEqualTo(1_500);
    }

    @Test
    void aLateCallOfAnEarlierDayCountsTowardItsMonthAndTheTotalButNotToday() {
        spend(ANA, DAY_ONE, 1_000);
        spend(ANA, DAY_ONE.minusSeconds(86_400), 300);

        SpendSoFar user = ledger.soFar(ANA, DAY_ONE).user().orElseThrow();
        assertThat(user.today().costNanos()).isEqualTo(1_000);
        assertThat(user.month().costNanos()).isEqualTo(1_300);
        assertThat(user.total().costNanos()).isEqualTo(1_300);
    }

    @Test
    void aCallerWithoutSpendReadsZeroes() {
        SpendSoFar.OfCaller soFar = ledger.soFar(Caller.ANONYMOUS.withUser("new").withSession("fresh"), DAY_ONE);
        assertThat(soFar.user()).hasValueSatisfying(u -> assertThat(u.today().costNanos()).isZero());
        assertThat(soFar.session()).hasValueSatisfying(s -> assertThat(s.total().requests()).isZero());
        assertThat(soFar.key()).isEqualTo(Optional.empty());
        assertThat(List.of(soFar.team(), soFar.project())).allMatch(Optional::isEmpty);
    }
}
