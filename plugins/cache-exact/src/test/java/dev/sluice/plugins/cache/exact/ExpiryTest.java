package dev.sluice.plugins.cache.exact;

import static dev.sluice.plugins.cache.exact.Stores.answer;
import static dev.sluice.plugins.cache.exact.Stores.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    private final FakeClock clock = new FakeClock();
    private final CacheStore store = Stores.open(clock);

    @Test
    void eachEntryExpiresAfterItsOwnTtl() {
        store.store(key("short", Duration.ofMinutes(1)), answer("short-lived"));
        store.store(key("long", Duration.ofMinutes(10)), answer("long-lived"));

        clock.advance(Duration.ofMinutes(2));

        assertThat(store.lookup(key("short"))).isEmpty();
        assertThat(store.lookup(key("long"))).isPresent();

        clock.advance(Duration.ofMinutes(8));

        assertThat(store.lookup(key("long"))).isEmpty();
    }

    @Test
    void entryIsServedUntilItsTtlIsUp() {
        store.store(key("h1", Duration.ofMinutes(5)), answer("Paris."));

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(store.lookup(key("h1"))).isPresent();

        clock.advance(Duration.ofMillis(1));
        assertThat(store.lookup(key("h1"))).isEmpty();
    }

    @Test
    void readingAnEntryDoesNotExtendItsTtl() {
        store.store(key("h1", Duration.ofMinutes(5)), answer("Paris."));

        for (int minute = 0; minute < 4; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(store.lookup(key("h1"))).isPresent();
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.lookup(key("h1"))).isEmpty();
    }

    @Test
    void replacingAnEntryStartsItsNewTtl() {
        store.store(key("h1", Duration.ofMinutes(5)), answer("first"));
        clock.advance(Duration.ofMinutes(4));

        store.store(key("h1", Duration.ofMinutes(5)), answer("second"));
        clock.advance(Duration.ofMinutes(4));

        assertThat(store.lookup(key("h1"))).isPresent();
    }

    @Test
    void expiredEntriesAreCountedAsExpirationsAndLeaveTheBytes() {
        store.store(key("short", Duration.ofMinutes(1)), answer("short-lived"));
        store.store(key("long", Duration.ofMinutes(10)), answer("long-lived"));

        clock.advance(Duration.ofMinutes(2));

        assertThat(store.stats().expirations()).isEqualTo(1);
        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(store.stats().bytes()).isEqualTo(answer("long-lived").weight());

        clock.advance(Duration.ofMinutes(8));

        assertThat(store.stats().expirations()).isEqualTo(2);
        assertThat(store.stats().entries()).isZero();
        assertThat(store.stats().bytes()).isZero();
        assertThat(store.stats().evictions()).isZero();
    }

    @Test
    void answerWithoutTimeToLiveIsNotStored() {
        store.store(key("h1", Duration.ZERO), answer("Paris."));

        assertThat(store.lookup(key("h1"))).isEmpty();
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void ttlBeyondAnyHorizonKeepsTheEntry() {
        store.store(key("h1", Duration.ofSeconds(Long.MAX_VALUE)), answer("Paris."));

        clock.advance(Duration.ofDays(365L * 100));

        assertThat(store.lookup(key("h1"))).isPresent();
    }
}
