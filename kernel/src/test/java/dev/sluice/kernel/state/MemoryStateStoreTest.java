package dev.sluice.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.state.StateStore.Reservation;
import dev.sluice.spi.state.StateStore.WindowHit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryStateStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
    private final MemoryStateStore store = new MemoryStateStore(clock);

    @Test
    void concurrentReservationsNeverTogetherPassTheLimit() throws Exception {
        List<Future<Reservation>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                claims.add(pool.submit(() -> store.reserve("b", 7, 100, Duration.ofDays(1))));
            }
        }
        long granted = 0;
        for (Future<Reservation> f : claims) {
            granted += f.get().granted() ? 1 : 0;
        }
        assertThat(granted).isEqualTo(14);
        assertThat(store.get("b")).isEqualTo(98);
    }

    @Test
    void settlingReplacesTheReservationAndReleasingGivesItBack() {
        Reservation a = store.reserve("b", 50, 100, Duration.ofDays(1));
        Reservation b = store.reserve("b", 50, 100, Duration.ofDays(1));
        assertThat(store.reserve("b", 1, 100, Duration.ofDays(1)).granted()).isFalse();

        store.settle(a, 20);
        store.release(b);

        assertThat(store.get("b")).isEqualTo(20);
        assertThat(store.reserve("b", 80, 100, Duration.ofDays(1)).granted()).isTrue();
        assertThat(store.reserve("b", 0, 100, Duration.ofDays(1)).granted()).isFalse();
    }

    @Test
    void countersExpireAfterTheirTtl() {
        store.incrementBy("c", 5, Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.incrementBy("c", 5, Duration.ofMinutes(1))).isEqualTo(10);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.get("c")).isZero();
        assertThat(store.incrementBy("c", 5, Duration.ofMinutes(1))).isEqualTo(5);
    }

    @Test
    void aSlidingWindowRefusesWhatDoesNotFitAndSaysWhenItWill() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(store.hit("w", 6, 10, minute).remaining()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(30));
        WindowHit second = store.hit("w", 4, 10, minute);
        assertThat(second.allowed()).isTrue();
        assertThat(second.resetAfter()).isEqualTo(minute);

        WindowHit refused = store.hit("w", 1, 10, minute);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        assertThat(store.hit("w", 6, 10, minute).allowed()).isTrue();
    }
}
