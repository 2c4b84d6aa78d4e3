package dev.sluice.plugins.cache.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a prompt that a similarity score overlooks. A sentence embedding averages over
 * the words, so two prompts that share almost all their words score close to 1 even when they
 * ask different things: "convert 5 km to miles" and "convert 5 miles to km", "boil an egg for a
 * soft yolk" and "… hard yolk", "15% of 80" and "18% of 80". Before a near neighbour is served,
 * its words are compared with the prompt's, and the answer is refused when
 * <ul>
 *   <li>the numbers differ (as a multiset: {@code 5 km} is not {@code 8 km});</li>
 *   <li>one of the two is negated and the other not ({@code not}, {@code never}, {@code don't}, …);</li>
 *   <li>the two use the same content words in another order (a swap: {@code A to B} and
 *       {@code B to A});</li>
 *   <li>one content word was replaced by another and nothing else changed ({@code soft} for
 *       {@code hard}, {@code France} for {@code Germany}).</li>
 * </ul>
 * Content words are the words left after dropping English function words, lower-cased, with a
 * plural {@code s} removed; Han, Hiragana and Katakana characters count one word each.
 *
 * <p>Only 32-bit hashes of the words are kept, never the text. Immutable and thread-safe.
 */
final class PromptWords {
    private static final Pattern TOKEN = Pattern.compile(
            "\\p{N}+(?:[.,]\\p{N}+)*|[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]|[\\p{L}\\p{M}]+(?:['’][\\p{L}]+)*");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "cannot", "nor",
            "none", "nothing", "neither", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant",
            "couldnt", "wont", "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "mustnt");
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
            "have", "has", "had", "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she",
            "her", "it", "its", "they", "them", "their", "this", "that", "these", "those", "what", "whats",
            "which", "who", "whom", "whose", "when", "where", "why", "how", "hows", "can", "could", "would",
            "should", "will", "shall", "may", "might", "must", "please", "in", "on", "at", "of", "to", "for",
            "from", "with", "by", "about", "into", "onto", "as", "than", "so", "and", "or", "but", "if", "there",
            "here", "any", "some", "way", "s", "user", "assistant", "tool", "im", "ive", "id", "youre");
    private static final PromptWords NONE = new PromptWords(new int[0], new int[0], new int[0], 0);

    private final int[] sequence;
    private final int[] sorted;
    private final int[] numbers;
    private final int negations;

    private PromptWords(int[] sequence, int[] sorted, int[] numbers, int negations) {
        this.sequence = sequence;
        this.sorted = sorted;
        this.numbers = numbers;
        this.negations = negations;
    }

    /** The words of a prompt. */
    static PromptWords of(String prompt) {
        if (prompt.isEmpty()) {
            return NONE;
        }
        List<Integer> content = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        int negations = 0;
        Matcher m = TOKEN.matcher(prompt);
        while (m.find()) {
            String token = m.group();
            if (Character.isDigit(token.codePointAt(0))) {
                int hash = token.replace(",", "").hashCode();
                numbers.add(hash);
                content.add(hash);
                continue;
            }
            String word = token.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "");
            if (NEGATIONS.contains(word)) {
                negations++;
            } else if (!FUNCTION_WORDS.contains(word)) {
                content.add(singular(word).hashCode());
            }
        }
        int[] sequence = content.stream().mapToInt(Integer::intValue).toArray();
        int[] sorted = sequence.clone();
        Arrays.sort(sorted);
        int[] nums = numbers.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new PromptWords(sequence, sorted, nums, negations);
    }

    /**
     * Why an answer stored for {@code stored} must not serve this prompt, however similar the two
     * embeddings; empty when nothing in the words speaks against it.
     */
    Optional<String> conflictWith(PromptWords stored) {
        if (!Arrays.equals(numbers, stored.numbers)) {
            return Optional.of("different numbers");
        }
        if ((negations > 0) != (stored.negations > 0)) {
            return Optional.of("one is negated");
        }
        int onlyHere = 0;
        int onlyThere = 0;
        int i = 0;
        int j = 0;
        while (i < sorted.length || j < stored.sorted.length) {
            if (j == stored.sorted.length || i < sorted.length && sorted[i] < stored.sorted[j]) {
                onlyHere++;
                i++;
            } else if (i == sorted.length || sorted[i] > stored.sorted[j]) {
                onlyThere++;
                j++;
            } else {
                i++;
                j++;
            }
        }
        if (onlyHere == 0 && onlyThere == 0 && !Arrays.equals(sequence, stored.sequence)) {
            return Optional.of("same words in another order");
        }
        if (onlyHere == 1 && onlyThere == 1) {
            return Optional.of("one word replaced by another");
        }
        return Optional.empty();
    }

    /** Bytes held, for the memory estimate. */
    long bytes() {
        return 16L + 4L * (sequence.length + sorted.length + numbers.length) + 3 * 16L;
    }

    private static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
