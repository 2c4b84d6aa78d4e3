package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnDetectorTest {

    @Test
    void findsTheDashedShape() {
        assertThat(found(Kind.SSN, "SSN: 123-45-6789.")).containsExactly("123-45-6789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567", "123-45-0000"})
    void rejectsNumbersNeverIssued(String number) {
        assertThat(found(Kind.SSN, "ssn " + number)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-456-789", "1234-56-789", "123-45-67890", "A123-45-6789", "123 45 6789"})
    void rejectsOtherShapes(String text) {
        assertThat(found(Kind.SSN, text)).isEmpty();
    }
}
