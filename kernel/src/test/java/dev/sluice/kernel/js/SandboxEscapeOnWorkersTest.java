package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sandbox escape suite with every call handed to a worker thread, as calls are when more run
 * at once than may run on their callers' threads.
 */
class SandboxEscapeOnWorkersTest extends SandboxEscapeTest {
    private static PolicyEngine workersOnly;

    @BeforeAll
    static void useAnEngineWithoutCallsOnCallers() {
        workersOnly = new PolicyEngine(2, Duration.ofMillis(100), 0, 0);
        Scripts.use(workersOnly);
    }

    @AfterAll
    static void useTheSharedEngineAgain() {
        Scripts.use(null);
        assertThat(workersOnly.workers().ranInline()).isZero();
        assertThat(workersOnly.workers().handedOff()).isGreaterThan(20);
        workersOnly.close();
    }
}
