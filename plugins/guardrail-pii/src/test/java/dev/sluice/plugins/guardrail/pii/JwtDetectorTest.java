package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtDetectorTest {
    private static final String PAYLOAD = encode("{\"sub\":\"user-42\",\"iat\":1700000000}");
    private static final String SIGNATURE = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsATokenWhoseHeaderNamesAnAlgorithm() {
        String jwt = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE;
        assertThat(found(Kind.JWT, "Bearer " + jwt + ".")).containsExactly(jwt);
    }

    @Test
    void findsAnUnsignedToken() {
        String jwt = encode("{\"alg\":\"none\"}") + "." + PAYLOAD + ".";
        assertThat(found(Kind.JWT, jwt)).containsExactly(jwt);
    }

    @Test
    void rejectsAHeaderWithoutAlgorithm() {
        assertThat(found(Kind.JWT, encode("{\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE)).isEmpty();
        assertThat(found(Kind.JWT, encode("{\"alg\":256}") + "." + PAYLOAD + "." + SIGNATURE)).isEmpty();
    }

    @Test
    void rejectsAHeaderThatIsNotJson() {
        assertThat(found(Kind.JWT, encode("{\"alg\" HS256") + "." + PAYLOAD + "." + SIGNATURE)).isEmpty();
    }

    @Test
    void rejectsTwoSegmentsAndAPayloadThatIsNotBase64() {
        String header = encode("{\"alg\":\"HS256\"}");
        assertThat(found(Kind.JWT, header + "." + PAYLOAD)).isEmpty();
        assertThat(found(Kind.JWT, header + ".abcde." + SIGNATURE)).isEmpty();
    }
}
