package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sandbox escape suite with each call made from a fresh virtual thread, as requests make them,
 * where a call runs on the caller's own thread: every limit holds there too, the allocation limit
 * included (counted on the carrier thread the call is pinned to).
 */
class SandboxEscapeOnVirtualThreadsTest extends SandboxEscapeTest {
    private static PolicyEngine callsOnCallers;

    @BeforeAll
    static void callFromVirtualThreads() {
        assertThat(CallWatchdog.countsAllocationOf(Thread.ofVirtual().unstarted(() -> { })))
                .as("the tests' JVM lets virtual callers run their calls themselves").isTrue();
        callsOnCallers = new PolicyEngine(2, Duration.ofMillis(100), 0, 1);
        Scripts.use(callsOnCallers);
        // Scripts.route then checks that each call ran on its virtual thread.
        Scripts.callOnVirtualThreads(true);
    }

    @AfterAll
    static void callFromTheTestThreadAgain() {
        Scripts.callOnVirtualThreads(false);
        Scripts.use(null);
        callsOnCallers.close();
    }
}
