package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "+1 (555) 010-9999", "+44 (0)20 7946 0958", "+14155550123",
        "+33 1 99 00 12 34", "+81 3-1234-5678", "+1.555.010.7777", "(555) 010-9999", "555-010-9999",
        "555.010.9999", "1-555-010-9999", "020 7946 0958", "07700 900123", "06 12 34 56 78", "555-0199",
        "030 12345678"})
    void findsTheWholeNumberInCommonFormats(String number) {
        assertThat(found(Kind.PHONE, "call " + number + " today")).containsExactly(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15", "15.01.2024", "10.0.19045.2965", "978-3-16-148410-0", "1 250 000",
        "1999-2024", "192.0.2.146", "4412-8890-1123-7765", "94105-1234", "1700000000123", "100-2000",
        "123456-7890", "234-56-7890", "12:30:45", "5550109999"})
    void leavesDatesVersionsAndOtherNumbersAlone(String number) {
        assertThat(found(Kind.PHONE, "value " + number + " here")).isEmpty();
    }

    @Test
    void leavesNumbersGluedToOrderMarksOrWordsAlone() {
        assertThat(found(Kind.PHONE, "Order #555-010-9999, INV-555-010-9999, x555-010-9999")).isEmpty();
    }

    @Test
    void findsANumberRightAfterAWordOfAScriptWrittenWithoutSpaces() {
        assertThat(found(Kind.PHONE, "电话555-010-9999。")).containsExactly("555-010-9999");
    }

    @Test
    void cutsAtASpaceWhenTheWholeRunIsNotANumber() {
        assertThat(found(Kind.PHONE, "call 555-010-4444 2024 edition")).containsExactly("555-010-4444");
    }

    @Test
    void findsNumbersSeparatedOnlyBySpaces() {
        assertThat(found(Kind.PHONE, "555-010-1111 555-010-2222")).containsExactly("555-010-1111", "555-010-2222");
    }

    @Test
    void countsBetweenSevenAndFifteenDigits() {
        assertThat(found(Kind.PHONE, "+1 555 01")).isEmpty();
        assertThat(found(Kind.PHONE, "+44 20 7946 0958 1234 5")).containsExactly("+44 20 7946 0958");
    }
}
