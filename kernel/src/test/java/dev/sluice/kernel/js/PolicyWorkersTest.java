package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-off between calling threads and the policy workers: every call answered once, none lost. */
class PolicyWorkersTest {
    private static Engine engine;
    private static Source sandbox;

    @BeforeAll
    static void engine() throws IOException {
        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        try (InputStream in = PolicyEngine.class.getResourceAsStream("sandbox.js")) {
            sandbox = Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "sandbox.js")
                    .internal(true).buildLiteral();
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static PolicyWorkers workers(int threads) {
        return workers(threads, 0);
    }

    private static PolicyWorkers workers(int threads, int inlineCalls) {
        return new PolicyWorkers(threads, limit -> SandboxContext.open(engine, sandbox, limit), 1000, 0, inlineCalls);
    }

    /** Calls until one ran on its caller's thread: the workers build the spare contexts in the background. */
    private static void awaitASpare(PolicyWorkers workers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (workers.ranInline() == 0 && System.nanoTime() < deadline) {
            workers.run(1000, context -> null);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(workers.ranInline()).as("a spare context was prepared").isPositive();
    }

    @Test
    void aCallRunsOnItsCallersOwnThreadWhenItMay() throws Exception {
        try (PolicyWorkers workers = workers(2, 1)) {
            awaitASpare(workers);
            Thread self = workers.run(1000, context -> Thread.currentThread());
            assertThat(self).isSameAs(Thread.currentThread());
            Thread[] seen = new Thread[2];
            Thread virtual = Thread.ofVirtual().start(() -> {
                seen[0] = Thread.currentThread();
                seen[1] = workers.run(1000, context -> Thread.currentThread());
            });
            virtual.join();
            assertThat(seen[1]).as("the virtual caller ran its call itself").isSameAs(seen[0]);
        }
    }

    @Test
    void aCallOnAVirtualThreadKeepsItsCarrierWhileItBlocks() throws Exception {
        // Its allocation is counted on its carrier, so no other virtual thread may run there meanwhile.
        try (PolicyWorkers workers = workers(2, 1)) {
            awaitASpare(workers);
            int carriers = Runtime.getRuntime().availableProcessors();
            List<Thread> spinners = new ArrayList<>();
            long[] blocked = new long[1];
            Thread caller = Thread.ofVirtual().start(() -> workers.run(1000, context -> {
                // Enough busy virtual threads for every carrier: a call that let go of its
                // carrier would wait for one of them to finish.
                for (int i = 0; i < carriers; i++) {
                    spinners.add(Thread.ofVirtual().start(() -> {
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                    }));
                }
                long start = System.nanoTime();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                blocked[0] = System.nanoTime() - start;
                return null;
            }));
            caller.join();
            for (Thread spinner : spinners) {
                spinner.join();
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(blocked[0])).as("ms the call was off its core").isLessThan(200);
        }
    }

    @Test
    void callsBeyondTheLimitOnCallersThreadsGoToTheWorkers() throws Exception {
        try (PolicyWorkers workers = workers(2, 1)) {
            awaitASpare(workers);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = Thread.ofVirtual().start(() -> workers.run(1000, context -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            String second = workers.run(1000, context -> Thread.currentThread().getName());
            release.countDown();
            first.join();
            assertThat(second).as("the one call allowed on a caller's thread was taken").startsWith("sluice-js-");
        }
    }

    /**
     * 64 virtual callers make 300 calls each; every answer must be the caller's own, and come from a
     * worker thread when {@code onWorkers}.
     */
    private static void everyCallerGetsItsOwnAnswers(PolicyWorkers workers, boolean onWorkers) throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int caller = 0; caller < 64; caller++) {
                int id = caller;
                results.add(callers.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int call = 0; call < 300; call++) {
                        String expected = id + ":" + call;
                        String answer = workers.run(1000, context -> Thread.currentThread().getName() + "|" + expected);
                        if (!answer.endsWith("|" + expected) || onWorkers && !answer.startsWith("sluice-js-")) {
                            wrong.add(answer + " for " + expected);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        }
    }

    @Test
    void manyCallersGetTheirOwnAnswersWhereverTheirCallsRun() throws Exception {
        try (PolicyWorkers workers = workers(2, 1)) {
            awaitASpare(workers);
            long inlineBefore = workers.ranInline();
            long handedBefore = workers.handedOff();
            everyCallerGetsItsOwnAnswers(workers, false);
            assertThat(workers.ranInline() - inlineBefore + workers.handedOff() - handedBefore).isEqualTo(64 * 300);
            assertThat(workers.ranInline() - inlineBefore).as("some ran on their callers").isPositive();
        }
    }

    @Test
    void manyCallersEachGetTheirOwnAnswerFromAWorkerThread() throws Exception {
        try (PolicyWorkers workers = workers(2)) {
            everyCallerGetsItsOwnAnswers(workers, true);
        }
    }

    @Test
    void callsArrivingWhileTheWorkersSleepAreAllAnswered() {
        try (PolicyWorkers workers = workers(2)) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int round = 0; round < 200; round++) {
                    // Long enough for both workers to stop spinning and park.
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300));
                    CountDownLatch start = new CountDownLatch(1);
                    List<Thread> burst = new ArrayList<>();
                    List<Integer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
                    for (int i = 0; i < 4; i++) {
                        int value = i;
                        burst.add(Thread.ofVirtual().start(() -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            answers.add(workers.run(1000, context -> value));
                        }));
                    }
                    start.countDown();
                    for (Thread thread : burst) {
                        thread.join();
                    }
                    assertThat(answers).containsExactlyInAnyOrder(0, 1, 2, 3);
                }
            });
        }
    }

    @Test
    void aFailureOnTheWorkerIsThrownToTheCaller() {
        try (PolicyWorkers workers = workers(1)) {
            assertThatThrownBy(() -> workers.run(1000, context -> {
                throw new IllegalArgumentException("from the worker");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("from the worker");
            String answer = workers.run(1000, context -> "still serving");
            assertThat(answer).isEqualTo("still serving");
        }
    }

    @Test
    void aClosedPoolRefusesCalls() {
        PolicyWorkers workers = workers(1);
        workers.close();
        assertThatThrownBy(() -> workers.run(1000, context -> "late"))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.kind()).isEqualTo(PolicyException.Kind.ENGINE));
    }
}
