package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Texts built to make careless patterns backtrack or rescan: every detector must stay linear, so
 * 32 KB of any of them is checked in far less than the generous bound here.
 */
class PathologicalInputTest {
    private static final int SIZE = 32 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"1 ", "1-", "1.", "+1 ", "(1) ", "a@", "a.", "@a.", "-----BEGIN PRIVATE KEY-----\n", "eyJ",
        "eyJhbGciOi.", "a:", "1:", "::", "sk-", "AKIA", "4111 ", "DE89 ", "123-45-", "Aa1+", "x"})
    void checksThirtyTwoKilobytesOfARepeatedFragmentQuickly(String fragment) {
        String text = fragment.repeat(SIZE / fragment.length() + 1).substring(0, SIZE);
        PiiCheck check = Checks.check("");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 5; i++) {
                assertThat(Checks.input(check, text)).isNotNull();
            }
        });
    }
}
