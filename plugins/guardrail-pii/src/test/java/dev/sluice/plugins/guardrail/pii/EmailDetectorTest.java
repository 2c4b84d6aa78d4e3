package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailDetectorTest {

    @Test
    void findsAnAddressWithoutTheSurroundingPunctuation() {
        assertThat(found(Kind.EMAIL, "Write to <jane.doe+tag@mail.example.com>.")).containsExactly(
                "jane.doe+tag@mail.example.com");
    }

    @Test
    void findsEveryAddressOfAList() {
        assertThat(found(Kind.EMAIL, "a@example.com,b@example.org; c@example.net")).containsExactly(
                "a@example.com", "b@example.org", "c@example.net");
    }

    @Test
    void requiresATopLevelDomainOfLetters() {
        assertThat(found(Kind.EMAIL, "git@localhost, lodash@4.17.21, ops@192.0.2.1, x@example.c")).isEmpty();
    }

    @Test
    void rejectsMalformedLocalParts() {
        assertThat(found(Kind.EMAIL, "first..last@example.com user.@example.com @example.com")).isEmpty();
    }

    @Test
    void rejectsDomainsThatStartWithAHyphen() {
        assertThat(found(Kind.EMAIL, "user@-example.com")).isEmpty();
    }

    @Test
    void costsOneScanWhenThereIsNoAtSign() {
        assertThat(found(Kind.EMAIL, "no address here, just example.com")).isEmpty();
    }
}
