package dev.sluice.plugins.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Tool call ids for upstreams that accept only nine letters and digits (Mistral answers
 * {@code "Tool call id was call_… but must be a-z, A-Z, 0-9, with a length of 9"}). Ids from
 * other providers ({@code call_abc123…}, {@code toolu_…}) are mapped by a hash, so the same id
 * always maps to the same short id and an assistant's call still matches the tool result that
 * answers it; ids already in that form are kept.
 */
final class ToolCallIds {
    private static final Pattern NINE_ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]{9}");
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();

    private ToolCallIds() {
    }

    /** The id itself when it already is nine letters and digits, else a stable nine-character digest. */
    static String alphanumeric9(String id) {
        if (NINE_ALPHANUMERIC.matcher(id).matches()) {
            return id;
        }
        byte[] digest = sha256(id);
        char[] out = new char[9];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[(digest[i] & 0xff) % ALPHABET.length];
        }
        return new String(out);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
