package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sandbox escape suite with each call made from a fresh virtual thread, as requests make them,
 * where a call runs on the caller's own thread: every limit holds there too, the allocation limit
 * included (counted on the carrier thread).
 */
class SandboxEscapeOnVirtualThreadsTest extends SandboxEscapeTest {
    private static long inlineBefore;

    @BeforeAll
    static void callFromVirtualThreads() {
        assertThat(CallWatchdog.countsAllocationOf(Thread.ofVirtual().unstarted(() -> { })))
                .as("the tests' JVM opens java.lang, so that virtual callers run their calls themselves").isTrue();
        inlineBefore = Scripts.engine().workers().ranInline();
        Scripts.callOnVirtualThreads(true);
    }

    @AfterAll
    static void callFromTheTestThreadAgain() {
        Scripts.callOnVirtualThreads(false);
        assertThat(Scripts.engine().workers().ranInline() - inlineBefore).as("calls run on their virtual callers")
                .isGreaterThan(20);
    }
}
