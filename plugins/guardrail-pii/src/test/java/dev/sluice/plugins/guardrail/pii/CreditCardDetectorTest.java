package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCardDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005",
        "3782 822463 10005", "6011111111111117", "3530111333300000", "30569309025904", "2223003122003222",
        "6200000000000005", "4222222222222"})
    void findsTestCardsOfEachScheme(String card) {
        assertThat(found(Kind.CREDIT_CARD, "card " + card + ".")).containsExactly(card);
    }

    @Test
    void rejectsANumberThatFailsTheLuhnCheck() {
        assertThat(CreditCardDetector.luhn("4111111111111112")).isFalse();
        assertThat(found(Kind.CREDIT_CARD, "card 4111 1111 1111 1112")).isEmpty();
    }

    @Test
    void rejectsALuhnValidNumberOfNoKnownScheme() {
        assertThat(CreditCardDetector.luhn("9999999999999995")).isTrue();
        assertThat(found(Kind.CREDIT_CARD, "ref 9999999999999995 and 0000 0000 0000 0000")).isEmpty();
    }

    @Test
    void rejectsASchemeWithTheWrongLength() {
        assertThat(CreditCardDetector.luhn("411111111111116")).isTrue();
        assertThat(found(Kind.CREDIT_CARD, "visa 411111111111116, imei 490154203237518")).isEmpty();
    }

    @Test
    void rejectsMixedSeparatorsAndDecimals() {
        assertThat(found(Kind.CREDIT_CARD, "4111-1111 1111-1111 and 4111111111111111.50")).isEmpty();
    }

    @Test
    void findsANumberRightAfterAWordOfAScriptWrittenWithoutSpaces() {
        assertThat(found(Kind.CREDIT_CARD, "卡号4111111111111111")).containsExactly("4111111111111111");
    }

    @Test
    void stopsBeforeAnExpiryDateThatFollows() {
        assertThat(found(Kind.CREDIT_CARD, "4242 4242 4242 4242 12/27")).containsExactly("4242 4242 4242 4242");
    }
}
