package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivateKeyDetectorTest {
    private static final String BODY = "MIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEAq7BFUpkGp3+LQmlQ\n"
            + "Yx2eqzDV+xeG8kx/sQFV18S5JhzGeIJNA72wSeukEPojtqUyX2J0CciPBh7eqclQ\n";

    @Test
    void findsTheBlockFromBeginToEndLine() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\n" + BODY + "-----END RSA PRIVATE KEY-----";
        assertThat(found(Kind.PRIVATE_KEY, "here:\n" + key + "\nthanks")).containsExactly(key);
    }

    @Test
    void findsEveryKindOfPrivateKeyBlock() {
        for (String kind : new String[] {"PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK"}) {
            String key = "-----BEGIN " + kind + "-----\n" + BODY + "-----END " + kind + "-----";
            assertThat(found(Kind.PRIVATE_KEY, key)).as(kind).containsExactly(key);
        }
    }

    @Test
    void findsAKeyWithEscapedLineBreaks() {
        String key = "-----BEGIN PRIVATE KEY-----\\n" + BODY.replace("\n", "\\n") + "-----END PRIVATE KEY-----";
        assertThat(found(Kind.PRIVATE_KEY, "{\"private_key\": \"" + key + "\"}")).containsExactly(key);
    }

    @Test
    void findsATruncatedKeyThroughItsLastBodyLine() {
        String begin = "-----BEGIN EC PRIVATE KEY-----\n" + BODY;
        assertThat(found(Kind.PRIVATE_KEY, begin + "and then the text goes on")).containsExactly(begin.strip());
    }

    @Test
    void leavesPublicKeysAndCertificatesAlone() {
        assertThat(found(Kind.PRIVATE_KEY, "-----BEGIN PUBLIC KEY-----\n" + BODY + "-----END PUBLIC KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\n" + BODY + "-----END CERTIFICATE-----\n"
                + "-----END RSA PRIVATE KEY----- never share your private key")).isEmpty();
    }
}
