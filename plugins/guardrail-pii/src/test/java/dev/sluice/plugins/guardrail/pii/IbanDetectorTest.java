package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IbanDetectorTest {

    @Test
    void findsAnIbanInGroupsOfFour() {
        assertThat(found(Kind.IBAN, "pay DE89 3704 0044 0532 0130 00 by Friday")).containsExactly(
                "DE89 3704 0044 0532 0130 00");
    }

    @Test
    void findsACompactIbanWithLettersInItsAccountNumber() {
        assertThat(found(Kind.IBAN, "GB82WEST12345698765432 and MT84MALT011000012345MTLCAST001S")).containsExactly(
                "GB82WEST12345698765432", "MT84MALT011000012345MTLCAST001S");
    }

    @Test
    void rejectsAWrongCheckDigitOrAccountDigit() {
        assertThat(IbanDetector.mod97("DE89 3704 0044 0532 0130 01")).isNotEqualTo(1);
        assertThat(found(Kind.IBAN, "DE89 3704 0044 0532 0130 01, GB83 WEST 1234 5698 7654 32")).isEmpty();
    }

    @Test
    void requiresTheCountrysLength() {
        assertThat(found(Kind.IBAN, "DE89 3704 0044 0532 0130 0")).isEmpty();
        assertThat(found(Kind.IBAN, "DE89 3704 0044 0532 0130 001")).isEmpty();
    }

    @Test
    void rejectsUnknownCountries() {
        assertThat(found(Kind.IBAN, "XX89 3704 0044 0532 0130 00")).isEmpty();
    }

    @Test
    void ignoresTheWordsThatFollow() {
        assertThat(found(Kind.IBAN, "NL91 ABNA 0417 1643 00 IS MY ACCOUNT")).containsExactly("NL91 ABNA 0417 1643 00");
    }
}
