package dev.sluice.plugins.guardrail.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Finds runs of base64 in a text and decodes those that hold readable text, so that instructions
 * hidden in base64 can be checked like any other. Binary payloads (images, keys, hashes) do not
 * decode to readable text and are skipped cheaply.
 */
final class Base64Text {
    /** The shortest run of base64 worth decoding (18 bytes: a short sentence). */
    static final int MIN_RUN = 24;

    /** Only the start of a long run is decoded: instructions are short, payloads are long. */
    static final int MAX_DECODED_CHARS = 8_192;

    private Base64Text() {
    }

    /**
     * The runs of at least {@value #MIN_RUN} base64 characters (standard or URL-safe alphabet)
     * with up to two {@code =} of padding, not part of a longer stretch of such characters.
     */
    static List<Span> runs(String text) {
        List<Span> runs = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isBase64(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isBase64(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (i < n && i - end < 2 && text.charAt(i) == '=') {
                i++;
            }
            if (i < n && (isBase64(text.charAt(i)) || text.charAt(i) == '=')) {
                while (i < n && (isBase64(text.charAt(i)) || text.charAt(i) == '=')) {
                    i++; // padding in the middle: not one base64 text
                }
                continue;
            }
            if (end - start >= MIN_RUN) {
                runs.add(new Span(start, i));
            }
        }
        return runs;
    }

    private static boolean isBase64(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '-' || c == '_';
    }

    /** The readable text a run of base64 stands for, if it is readable text. */
    static Optional<String> decode(CharSequence run) {
        String s = run.toString();
        int pad = s.indexOf('=');
        if (pad >= 0) {
            s = s.substring(0, pad);
        }
        s = s.substring(0, Math.min(s.length(), MAX_DECODED_CHARS));
        if (s.length() % 4 == 1) {
            s = s.substring(0, s.length() - 1);
        }
        boolean urlSafe = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
        if (urlSafe && (s.indexOf('+') >= 0 || s.indexOf('/') >= 0)) {
            return Optional.empty(); // mixes both alphabets: not base64
        }
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(padded(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        return readable(text) ? Optional.of(text) : Optional.empty();
    }

    private static String padded(String s) {
        int rest = s.length() % 4;
        return rest == 0 ? s : s + "=".repeat(4 - rest);
    }

    /** Mostly letters, spaces and punctuation, with at least one space: prose, not data. */
    private static boolean readable(String text) {
        if (text.isEmpty() || text.indexOf(' ') < 0) {
            return false;
        }
        long plain = text.codePoints()
                .filter(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
                        || (c >= 0x21 && c <= 0x7e) || c == '\n' || c == '\t')
                .count();
        return plain >= text.codePointCount(0, text.length()) * 0.95;
    }
}
