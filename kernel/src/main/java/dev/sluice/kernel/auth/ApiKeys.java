package dev.sluice.kernel.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Issuing and recognising virtual keys: {@code sk-sluice-} followed by 256 random bits
 * (base64url), stored as the hex SHA-256 of the whole key. A salted slow hash is not needed: a
 * key this random cannot be guessed from its hash, and a fast hash keeps authentication cheap on
 * every request.
 */
public final class ApiKeys {
    /** What every virtual key starts with. */
    public static final String PREFIX = "sk-sluice-";
    private static final int DISPLAYED = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A fresh key. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh key id, {@code key_} and 16 hex digits. */
    static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }

    /** The hex SHA-256 of a key. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What may be shown of a key: the prefix and a few characters, {@code sk-sluice-AbCd}. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + DISPLAYED));
    }

    /** Whether two secrets are equal, in time that does not depend on where they differ. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
