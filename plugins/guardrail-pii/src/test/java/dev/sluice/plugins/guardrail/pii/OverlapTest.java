package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.covered;
import static dev.sluice.plugins.guardrail.pii.Checks.input;
import static dev.sluice.plugins.guardrail.pii.Checks.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapTest {
    private final PiiCheck check = Checks.check("");

    @Test
    void aJwtWinsOverTheHighEntropySegmentsInsideIt() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IlRlc3QgVXNlciIsImlhdCI6"
                + "MTUxNjIzOTAyMn0.0UtQuKhqaZMxZm05zQ9frM9FQ6VPAN1Vyp0zFtTj3oQ";
        List<Finding> findings = input(check, "token " + jwt);
        assertThat(rules(findings)).containsExactly("jwt");
        assertThat(covered("token " + jwt, findings)).containsExactly(jwt);
    }

    @Test
    void aPrivateKeyWinsOverItsBase64Lines() {
        String text = "-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEAq7BFUpkGp3+LQmlQ\n"
                + "-----END PRIVATE KEY-----";
        assertThat(rules(input(check, text))).containsExactly("private_key");
    }

    @Test
    void anApiKeyWinsOverAHighEntropyMatchOfTheSameSpan() {
        String text = "key sk-proj-q7Xk2Lm9Rt4Vw8Zp3Bn6Cd1Fg5Hj0KsYa7Ue2Io4Pl9Mn3Bv8";
        assertThat(rules(input(check, text))).containsExactly("api_key");
    }

    @Test
    void anIbanWinsOverThePhoneAndCardShapedGroupsInIt() {
        String text = "DE89 3704 0044 0532 0130 00";
        List<Finding> findings = input(check, text);
        assertThat(rules(findings)).containsExactly("iban");
        assertThat(covered(text, findings)).containsExactly(text);
    }

    @Test
    void anSsnWinsOverAPhoneNumberOfTheSameDigits() {
        String text = "+1 234-56-7890";
        List<Finding> findings = input(check, text);
        assertThat(rules(findings)).containsExactly("ssn");
        assertThat(covered(text, findings)).containsExactly("234-56-7890");
    }

    @Test
    void anIpv6AddressReplacesTheIpv4AddressAtItsEnd() {
        String text = "mapped ::ffff:192.0.2.128";
        List<Finding> findings = input(check, text);
        assertThat(covered(text, findings)).containsExactly("::ffff:192.0.2.128");
    }

    @Test
    void separateFindingsAreReportedInTextOrder() {
        String text = "mail jane@example.com, call 555-010-9999, card 4111 1111 1111 1111, host 192.0.2.1";
        assertThat(rules(input(check, text))).containsExactly("email", "phone", "credit_card", "ip_address");
    }

    @Test
    void theLongerOfTwoOverlappingMatchesOfEqualSpecificityWins() {
        Hit shorter = new Hit(5, 10, Kind.EMAIL);
        Hit longer = new Hit(3, 12, Kind.EMAIL);
        Hit apart = new Hit(20, 25, Kind.PHONE);
        assertThat(Overlaps.resolve(List.of(shorter, apart, longer))).containsExactly(longer, apart);
    }

    @Test
    void theMoreSpecificKindWinsOverALongerMatch() {
        Hit secret = new Hit(0, 60, Kind.HIGH_ENTROPY);
        Hit key = new Hit(10, 50, Kind.API_KEY);
        assertThat(Overlaps.resolve(List.of(secret, key))).containsExactly(key);
    }
}
