package dev.sluice.kernel.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for prompts kept in the {@code encrypted} mode. Each prompt gets a fresh 96-bit nonce;
 * the request id is the associated data, so a ciphertext moved to another record does not
 * decrypt. The stored form is {@code v1:} followed by base64 of nonce and ciphertext (with its
 * 128-bit tag). The key never leaves this object and is never printed.
 */
public final class PromptCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private PromptCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A cipher from a base64 key of 16, 24 or 32 bytes.
     *
     * @throws IllegalArgumentException when the value is not such a key (the message never quotes it)
     */
    public static PromptCipher fromBase64(String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64");
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("must be 16, 24 or 32 bytes in base64 (it is " + key.length + ")");
        }
        return new PromptCipher(key);
    }

    /** A new random 256-bit key, in base64. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Encrypts a prompt bound to its request id. */
    public String encrypt(String prompt, String requestId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(prompt.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced for the same request id.
     *
     * @throws IllegalArgumentException for a wrong key, another record's ciphertext or a damaged value
     */
    public String decrypt(String stored, String requestId) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted prompt (it does not start with " + PREFIX + ")");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted prompt is not base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("the encrypted prompt is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the key does not open this prompt (wrong key, or the record was changed)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the prompt could not be decrypted: " + e.getMessage());
        }
    }
}
