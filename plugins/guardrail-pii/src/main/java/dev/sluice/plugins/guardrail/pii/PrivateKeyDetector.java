package dev.sluice.plugins.guardrail.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM private keys: from a {@code -----BEGIN … PRIVATE KEY-----} line (RSA, EC, DSA, OpenSSH,
 * encrypted PKCS #8, PGP {@code PRIVATE KEY BLOCK}) to its {@code -----END … -----} line, also when
 * the line breaks are escaped as {@code \n} in JSON or an environment variable. A key cut off
 * before its end line (a stream still arriving, a truncated paste) is matched through its last
 * line of base64 or headers.
 */
final class PrivateKeyDetector implements Detector {
    private static final Pattern BEGIN = Pattern.compile(
            "-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----");
    private static final Pattern END = Pattern.compile("-----END [A-Z ]{0,20}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern BODY_LINE = Pattern.compile("(?:[A-Za-z0-9+/=]+|[A-Za-z-]+: .*|\\s*)");
    /** Keys are a few kilobytes; an end line further away belongs to something else. */
    private static final int MAX_KEY = 16_384;
    /** The longest end line: a search that stopped at a limit resumes this far before it. */
    private static final int END_LINE_LENGTH = 50;

    @Override
    public Kind kind() {
        return Kind.PRIVATE_KEY;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        if (!text.contains("PRIVATE KEY")) {
            return;
        }
        Matcher begin = BEGIN.matcher(text);
        Matcher end = END.matcher(text);
        int from = 0;
        int searchedUpTo = 0; // no end line starts between the last begin line and here
        while (begin.find(from)) {
            int limit = (int) Math.min(text.length(), (long) begin.end() + MAX_KEY);
            int stop;
            if (searchedUpTo < limit && end.region(Math.max(begin.end(), searchedUpTo), limit).find()) {
                stop = end.end();
            } else {
                searchedUpTo = Math.max(searchedUpTo, limit - END_LINE_LENGTH);
                stop = bodyEnd(text, begin.end(), limit);
            }
            hits.add(new Hit(begin.start(), stop, kind()));
            from = stop;
        }
    }

    /** The end of the base64 and header lines that follow a begin line without an end line. */
    private static int bodyEnd(String text, int from, int limit) {
        int stop = from;
        int line = from;
        while (line < limit) {
            int next = text.indexOf('\n', line);
            int lineEnd = next < 0 || next > limit ? limit : next;
            String content = text.substring(line, lineEnd).replace("\\n", "").strip();
            if (!BODY_LINE.matcher(content).matches()) {
                break;
            }
            if (!content.isEmpty()) {
                stop = lineEnd;
            }
            if (lineEnd == limit) {
                break;
            }
            line = lineEnd + 1;
        }
        return stop;
    }
}
