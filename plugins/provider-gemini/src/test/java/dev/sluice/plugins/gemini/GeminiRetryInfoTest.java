package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiRetryInfoTest {

    @Test
    void wholeSecondsAreRead() {
        assertThat(GeminiRetryInfo.parse("26s")).contains(Duration.ofSeconds(26));
        assertThat(GeminiRetryInfo.parse("0s")).contains(Duration.ZERO);
    }

    @Test
    void fractionalSecondsKeepTheirNanoseconds() {
        assertThat(GeminiRetryInfo.parse("45.837906927s")).contains(Duration.ofSeconds(45, 837_906_927));
        assertThat(GeminiRetryInfo.parse("1.5s")).contains(Duration.ofMillis(1_500));
        assertThat(GeminiRetryInfo.parse("0.000000001s")).contains(Duration.ofNanos(1));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "30", "s", "-1s", "1.s", "1.1234567891s", "30 s", "30ms", "1e3s", "PT30S", "abc"})
    void anythingButAProtobufDurationIsIgnored(String text) {
        assertThat(GeminiRetryInfo.parse(text)).isEmpty();
    }

    @Test
    void delayIsReadFromTheRetryInfoAmongOtherDetails() {
        assertThat(GeminiRetryInfo.of(Fixtures.json("errors/429-quota-retry-info.json").path("error")))
                .contains(Duration.ofSeconds(26));
    }

    @Test
    void errorWithoutRetryInfoHasNoDelay() {
        assertThat(GeminiRetryInfo.of(Fixtures.json("errors/400-api-key-invalid.json").path("error"))).isEmpty();
        assertThat(GeminiRetryInfo.of(Fixtures.json("errors/503-overloaded.json").path("error"))).isEmpty();
    }

    @Test
    void unreadableRetryInfoIsSkipped() {
        String error = "{\"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"soon\"},"
                + " {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"3s\"}]}";

        assertThat(GeminiRetryInfo.of(Fixtures.tree(error))).contains(Duration.ofSeconds(3));
    }
}
