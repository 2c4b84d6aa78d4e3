package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the store with the local model on labelled prompt pairs: paraphrases
 * (the same question reworded) and hard non-paraphrases (same topic, most words shared, another
 * question). {@code paraphrases.tsv} was used to settle the word checks; {@code
 * paraphrases-holdout.tsv} was written after them and never used to change them.
 */
class LabelledPairsTest {
    /** What the local model honestly achieves at the default threshold is about 0.25; the floor leaves room for noise. */
    private static final double RECALL_FLOOR = 0.2;

    record Pair(String a, String b, boolean paraphrase) {
    }

    record Scored(Pair pair, double similarity, boolean conflict) {
    }

    private static List<Scored> design;
    private static List<Scored> holdout;

    @BeforeAll
    static void embedEveryPair() throws IOException {
        design = score(read("paraphrases.tsv"));
        holdout = score(read("paraphrases-holdout.tsv"));
    }

    @Test
    void theLabelledSetsAreLargeAndBalancedEnough() throws IOException {
        List<Pair> pairs = read("paraphrases.tsv");
        long paraphrases = pairs.stream().filter(Pair::paraphrase).count();
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(60);
        assertThat(paraphrases / (double) pairs.size()).isBetween(0.4, 0.6);
        assertThat(read("paraphrases-holdout.tsv")).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void atTheDefaultThresholdNoDifferentQuestionIsServedAndAFifthOfParaphrasesAre() {
        printSweep();
        int[] counts = new int[3]; // served paraphrases, served different questions, paraphrases
        for (List<Pair> set : List.of(pairsOf(design), pairsOf(holdout))) {
            SemanticStore store = new SemanticStore(SemanticSettings.DEFAULTS, Models.local(),
                    new FakeClock(Instant.EPOCH));
            for (int i = 0; i < set.size(); i++) {
                Pair p = set.get(i);
                String scope = "key:pair-" + i; // each pair in its own partition
                store.store(Requests.key(scope, "chat", p.a(), Requests.HOUR), answer(p.a()));
                boolean served = store.lookup(Requests.key(scope, "chat", p.b(), Requests.HOUR)).isPresent();
                counts[0] += served && p.paraphrase() ? 1 : 0;
                counts[1] += served && !p.paraphrase() ? 1 : 0;
                counts[2] += p.paraphrase() ? 1 : 0;
            }
        }
        double recall = counts[0] / (double) counts[2];
        double precision = counts[0] + counts[1] == 0 ? 1 : counts[0] / (double) (counts[0] + counts[1]);
        System.out.printf("at threshold %.2f with word checks, both sets: precision %.3f, recall %.3f (%d of %d)%n",
                SemanticSettings.DEFAULT_THRESHOLD, precision, recall, counts[0], counts[2]);
        assertThat(counts[1]).as("different questions served").isZero();
        assertThat(recall).isGreaterThanOrEqualTo(RECALL_FLOOR);
    }

    @Test
    void withoutWordChecksOnlyAThresholdNoParaphraseReachesKeepsEveryDifferentQuestionOut() {
        double highestDifferent = design.stream().filter(s -> !s.pair().paraphrase())
                .mapToDouble(Scored::similarity).max().orElseThrow();
        System.out.printf("highest similarity of a different question, no word checks: %.4f%n", highestDifferent);
        assertThat(highestDifferent).isGreaterThan(SemanticSettings.DEFAULT_THRESHOLD);
    }

    private static void printSweep() {
        StringBuilder table = new StringBuilder("""
                | threshold | word checks | precision (design) | recall (design) | false hits (design) \
                | precision (held out) | recall (held out) | false hits (held out) |
                |---|---|---|---|---|---|---|---|
                """);
        for (boolean checks : new boolean[] {true, false}) {
            for (int t = 80; t <= 99; t++) {
                double threshold = t / 100.0;
                table.append(String.format("| %.2f | %s | %s | %s |%n", threshold, checks ? "on" : "off",
                        row(design, threshold, checks), row(holdout, threshold, checks)));
            }
        }
        System.out.print(table);
    }

    private static String row(List<Scored> set, double threshold, boolean checks) {
        int truePositives = 0;
        int falsePositives = 0;
        int paraphrases = 0;
        for (Scored s : set) {
            boolean served = s.similarity() >= threshold && !(checks && s.conflict());
            truePositives += served && s.pair().paraphrase() ? 1 : 0;
            falsePositives += served && !s.pair().paraphrase() ? 1 : 0;
            paraphrases += s.pair().paraphrase() ? 1 : 0;
        }
        String precision = truePositives + falsePositives == 0 ? "–"
                : String.format("%.2f", truePositives / (double) (truePositives + falsePositives));
        return String.format("%s | %.2f | %d", precision, truePositives / (double) paraphrases, falsePositives);
    }

    private static List<Scored> score(List<Pair> pairs) {
        List<Scored> out = new ArrayList<>();
        for (Pair p : pairs) {
            // The prompt as the kernel writes it for a one-turn conversation.
            String a = "user: " + p.a();
            String b = "user: " + p.b();
            float[] va = UnitVectors.normalized(Models.local().embed(a));
            float[] vb = UnitVectors.normalized(Models.local().embed(b));
            boolean conflict = PromptWords.of(b).conflictWith(PromptWords.of(a)).isPresent();
            out.add(new Scored(p, UnitVectors.dot(va, vb), conflict));
        }
        return out;
    }

    private static List<Pair> pairsOf(List<Scored> scored) {
        return scored.stream().map(Scored::pair).toList();
    }

    static List<Pair> read(String resource) throws IOException {
        try (InputStream in = LabelledPairsTest.class.getResourceAsStream("/" + resource)) {
            List<Pair> pairs = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 || !(f[2].equals("paraphrase") || f[2].equals("different"))) {
                    throw new IllegalStateException(resource + ": bad line " + line);
                }
                pairs.add(new Pair(f[0], f[1], f[2].equals("paraphrase")));
            }
            return pairs;
        }
    }
}
