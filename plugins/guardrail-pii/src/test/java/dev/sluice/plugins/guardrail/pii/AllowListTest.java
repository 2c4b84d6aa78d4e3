package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.input;
import static dev.sluice.plugins.guardrail.pii.Checks.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllowListTest {

    @Test
    void anAllowedLiteralIsNotReportedWhateverItsCase() {
        PiiCheck check = Checks.check("allow: [support@example.com]");
        assertThat(rules(input(check, "write to Support@Example.com or jane@example.com"))).containsExactly("email");
        assertThat(input(check, "write to support@example.com")).isEmpty();
    }

    @Test
    void anAllowedNumberMatchesHoweverItIsGrouped() {
        PiiCheck check = Checks.check("allow: [\"+1 555 010 9999\"]");
        assertThat(input(check, "call +1 (555) 010-9999 or +1.555.010.9999")).isEmpty();
        assertThat(rules(input(check, "call +1 (555) 010-8888"))).containsExactly("phone");
    }

    @Test
    void anAllowedPatternMustMatchTheWholeValue() {
        PiiCheck check = Checks.check("allow: [\"/.*@example\\\\.org/\"]");
        assertThat(input(check, "a@example.org, b@example.org")).isEmpty();
        assertThat(rules(input(check, "a@example.org.example.com"))).containsExactly("email");
    }

    @Test
    void anAllowedValueIsNotReportedAsAnotherKindEither() {
        String key = "sk-proj-q7Xk2Lm9Rt4Vw8Zp3Bn6Cd1Fg5Hj0KsYa7Ue2Io4Pl9Mn3Bv8";
        PiiCheck check = Checks.check("allow: [\"/sk-proj-q7Xk.*/\"]");
        assertThat(input(check, "key " + key)).isEmpty();
    }

    @Test
    void otherValuesOfTheSameTextAreStillReported() {
        PiiCheck check = Checks.check("allow: [192.0.2.1]");
        assertThat(rules(input(check, "hosts 192.0.2.1 and 192.0.2.2"))).containsExactly("ip_address");
    }
}
