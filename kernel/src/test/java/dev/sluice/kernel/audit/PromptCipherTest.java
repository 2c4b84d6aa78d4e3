package dev.sluice.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptCipherTest {
    private final String key = PromptCipher.newKey();
    private final PromptCipher cipher = PromptCipher.fromBase64(key);

    @Test
    void aPromptDecryptsWithTheSameKeyAndRequestId() {
        String sealed = cipher.encrypt("[{\"content\":\"my card is 4111\",\"role\":\"user\"}]", "req_1");

        assertThat(sealed).startsWith("v1:").doesNotContain("4111");
        assertThat(cipher.decrypt(sealed, "req_1")).isEqualTo("[{\"content\":\"my card is 4111\",\"role\":\"user\"}]");
    }

    @Test
    void theSamePromptEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt("hello", "req_1")).isNotEqualTo(cipher.encrypt("hello", "req_1"));
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = cipher.encrypt("hello", "req_1");

        assertThatThrownBy(() -> PromptCipher.fromBase64(PromptCipher.newKey()).decrypt(sealed, "req_1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not open");
    }

    @Test
    void aCiphertextMovedToAnotherRecordDoesNotOpen() {
        String sealed = cipher.encrypt("hello", "req_1");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "req_2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadKeyIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> PromptCipher.fromBase64("c2hvcnQta2V5")).hasMessageNotContaining("c2hvcnQta2V5")
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> PromptCipher.fromBase64("not base64 !!")).hasMessageNotContaining("not base64 !!");
    }
}
