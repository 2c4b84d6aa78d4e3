package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HighEntropyDetectorTest {
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    @Test
    void findsGeneratedTokensWithTheirPadding() {
        String token = "W9/ohP46PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTt5SAp==";
        assertThat(found(Kind.HIGH_ENTROPY, "secret=" + token + " end")).containsExactly(token);
    }

    @Test
    void findsAtLeastNinetyFivePercentOfRandomTokens() {
        Random random = new Random(7);
        int found = 0;
        int tries = 2_000;
        for (int i = 0; i < tries; i++) {
            StringBuilder token = new StringBuilder("x");
            int length = 32 + random.nextInt(64);
            while (token.length() < length) {
                token.append(BASE64.charAt(random.nextInt(BASE64.length())));
            }
            found += found(Kind.HIGH_ENTROPY, "t " + token + " t").size();
        }
        assertThat(found).isGreaterThanOrEqualTo(tries * 95 / 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f786850e387550fdab836ed7e6dc881de23001b", "123e4567-e89b-12d3-a456-426614174000",
        "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB", "getUserById2FactorAuthenticationHandler",
        "src/main/java/dev/example/project2/module/Main", "MyS3cr3tP4ssw0rdMyS3cr3tP4ssw0rd12",
        "1234567890123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", "x9Kf2LmQ7vR4tY8w"})
    void leavesDigestsWordsAndShortTokensAlone(String text) {
        assertThat(found(Kind.HIGH_ENTROPY, text)).isEmpty();
    }

    @Test
    void measuresShannonEntropyInBitsPerCharacter() {
        int[] counts = new int[128];
        counts['a'] = 2;
        counts['b'] = 2;
        assertThat(HighEntropyDetector.entropy(counts, 4)).isEqualTo(1.0);
    }
}
