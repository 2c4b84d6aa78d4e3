package dev.sluice.plugins.guardrail.pii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens: three base64url segments joined by dots (the last may be empty, for
 * {@code alg: none}), whose header decodes to a JSON object with an {@code alg} and whose payload
 * decodes as base64url. A header always starts {@code eyJ} (the encoding of <code>{"</code>), which
 * is what the pattern looks for.
 */
final class JwtDetector implements Detector {
    private static final Pattern JWT = Pattern.compile(
            "(eyJ[A-Za-z0-9_-]{5,})\\.([A-Za-z0-9_-]{2,})\\.([A-Za-z0-9_-]*)(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_-])");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Kind kind() {
        return Kind.JWT;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int at = text.indexOf("eyJ");
        if (at < 0) {
            return;
        }
        Matcher m = JWT.matcher(text);
        while (at >= 0) {
            int next = at + 3;
            if ((at == 0 || !isSegmentChar(text.charAt(at - 1))) && m.region(at, text.length()).lookingAt()
                    && hasAlgorithm(m.group(1)) && decodes(m.group(2))) {
                hits.add(new Hit(m.start(), m.end(), kind()));
                next = m.end();
            }
            at = text.indexOf("eyJ", next);
        }
    }

    private static boolean isSegmentChar(char c) {
        return Ascii.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static boolean hasAlgorithm(String header) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(header);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            return node != null && node.isObject() && node.path("alg").isTextual();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean decodes(String segment) {
        try {
            Base64.getUrlDecoder().decode(segment);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
