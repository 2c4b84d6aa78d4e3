package dev.sluice.plugins.guardrail.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds whole words and phrases in a text, ignoring case, in one pass: a trie of case-folded code
 * points walked from each position where a word may start. Immutable and thread-safe once built.
 *
 * <p>A term matches only as a whole word: {@code ass} does not match inside {@code class}. A
 * space in a term matches any run of white space in the text ({@code project falcon} matches
 * {@code Project\n  Falcon}). A term ending in {@code *} matches any word starting with it
 * ({@code diagnos*} matches {@code diagnosis} and {@code diagnosed}). Boundaries are only checked
 * where the term itself starts or ends with a word character, so {@code c++} or {@code </s>}
 * match as written. Where several terms match at one position the longest wins; matches do not
 * overlap.
 */
final class WordMatcher {

    /** An occurrence of term number {@code term} at {@code [start, end)}. */
    record Match(int term, int start, int end) {
    }

    private static final int SPACE = ' ';

    private final Node root = new Node();

    /**
     * @param terms the terms, each already checked with {@link #key}; a match reports the index
     *     of its term in this list
     */
    WordMatcher(List<String> terms) {
        for (int i = 0; i < terms.size(); i++) {
            add(key(terms.get(i)), i);
        }
    }

    /**
     * The normalised form of a term (trimmed, white space collapsed to one space, case-folded):
     * two terms with equal keys are the same term.
     *
     * @throws IllegalArgumentException when the term has nothing to match
     */
    static String key(String term) {
        StringBuilder out = new StringBuilder();
        boolean space = false;
        String trimmed = term.strip();
        for (int i = 0; i < trimmed.length(); ) {
            int cp = trimmed.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                space = true;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(Letters.fold(cp));
        }
        String key = out.toString();
        String body = key.endsWith("*") ? key.substring(0, key.length() - 1).strip() : key;
        if (body.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (body.contains("*")) {
            throw new IllegalArgumentException("may only end with *, a wildcard for the rest of the word");
        }
        return key.endsWith("*") ? body + "*" : body;
    }

    private void add(String key, int index) {
        boolean prefix = key.endsWith("*");
        String body = prefix ? key.substring(0, key.length() - 1) : key;
        Node node = root;
        int last = 0;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            i += Character.charCount(cp);
            node = node.add(cp);
            last = cp;
        }
        if (prefix) {
            node.prefix = index;
        } else {
            node.exact = index;
            node.exactWordEnd = Letters.isWordChar(last);
        }
    }

    /** Every match in the text, left to right. */
    List<Match> findAll(CharSequence text) {
        List<Match> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        boolean previousIsWord = false;
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            int width = Character.charCount(cp);
            boolean isWord = Letters.isWordChar(cp);
            // Inside a word nothing can start: a term starting with a letter needs a boundary
            // before it, and a term starting with punctuation cannot start on a letter.
            Node first = isWord && previousIsWord ? null : root.child(Letters.fold(cp));
            Match best = first == null ? null : longestFrom(text, i, first, i + width);
            if (best == null) {
                previousIsWord = isWord;
                i += width;
            } else {
                out.add(best);
                previousIsWord = Letters.wordCharBefore(text, best.end());
                i = best.end();
            }
        }
        return out;
    }

    private static Match longestFrom(CharSequence text, int start, Node node, int j) {
        int n = text.length();
        Match best = null;
        while (true) {
            if (node.exact >= 0 && (!node.exactWordEnd || !Letters.wordCharAt(text, j))) {
                best = new Match(node.exact, start, j);
            }
            if (node.prefix >= 0) {
                int end = j;
                while (end < n && Letters.wordCharAt(text, end)) {
                    end += Character.charCount(Character.codePointAt(text, end));
                }
                if (best == null || end >= best.end()) {
                    best = new Match(node.prefix, start, end);
                }
            }
            if (j >= n) {
                return best;
            }
            int cp = Character.codePointAt(text, j);
            Node space = isSpace(cp) ? node.child(SPACE) : null;
            if (space != null) {
                while (j < n && isSpace(Character.codePointAt(text, j))) {
                    j += Character.charCount(Character.codePointAt(text, j));
                }
                node = space;
                continue;
            }
            Node next = node.child(Letters.fold(cp));
            if (next == null) {
                return best;
            }
            node = next;
            j += Character.charCount(cp);
        }
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** A trie node; ASCII children in an array, others in a map. */
    private static final class Node {
        private Node[] ascii;
        private Map<Integer, Node> other;
        int exact = -1;
        boolean exactWordEnd;
        int prefix = -1;

        Node child(int folded) {
            if (folded < 128) {
                return ascii == null ? null : ascii[folded];
            }
            return other == null ? null : other.get(folded);
        }

        Node add(int folded) {
            Node existing = child(folded);
            if (existing != null) {
                return existing;
            }
            Node created = new Node();
            if (folded < 128) {
                if (ascii == null) {
                    ascii = new Node[128];
                }
                ascii[folded] = created;
            } else {
                if (other == null) {
                    other = new HashMap<>(4);
                }
                other.put(folded, created);
            }
            return created;
        }
    }
}
