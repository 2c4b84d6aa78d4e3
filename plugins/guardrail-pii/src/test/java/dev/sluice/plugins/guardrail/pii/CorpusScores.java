package dev.sluice.plugins.guardrail.pii;

import dev.sluice.spi.guardrail.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Precision and recall of each detector on the labelled corpus, with every detector enabled (as
 * configured by default), so that overlap resolution plays its part. A text's findings of the
 * file's kind are compared with its expected count: up to that count they are true positives,
 * beyond it false positives, short of it false negatives. Only counts are kept, never values.
 */
final class CorpusScores {

    /** Counts for one kind, and which corpus lines were miscounted (line numbers only). */
    record Score(int positives, int negatives, int truePositives, int falsePositives, int falseNegatives,
            List<Integer> wrongLines) {

        double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1.0 : (double) truePositives / found;
        }

        double recall() {
            int expected = truePositives + falseNegatives;
            return expected == 0 ? 1.0 : (double) truePositives / expected;
        }
    }

    private CorpusScores() {
    }

    static Map<Kind, Score> compute() {
        PiiCheck check = Checks.check("");
        Map<Kind, Score> scores = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            int positives = 0;
            int negatives = 0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            List<Integer> wrong = new ArrayList<>();
            for (Corpus.Sample sample : Corpus.of(kind)) {
                List<Finding> findings = Checks.input(check, sample.text());
                int found = (int) findings.stream().filter(f -> f.rule().equals(kind.rule())).count();
                if (sample.positive()) {
                    positives++;
                } else {
                    negatives++;
                }
                tp += Math.min(found, sample.expected());
                fp += Math.max(0, found - sample.expected());
                fn += Math.max(0, sample.expected() - found);
                if (found != sample.expected()) {
                    wrong.add(sample.line());
                }
            }
            scores.put(kind, new Score(positives, negatives, tp, fp, fn, Collections.unmodifiableList(wrong)));
        }
        return scores;
    }

    /** The scores as a Markdown table, as shown in docs/guardrails/pii.md. */
    static String table(Map<Kind, Score> scores) {
        StringBuilder out = new StringBuilder();
        out.append("| Detector | Positive texts | Negative texts | True positives | False positives | Missed"
                + " | Precision | Recall |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<Kind, Score> e : scores.entrySet()) {
            Score s = e.getValue();
            out.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d | %d | %d | %.2f | %.2f |%n",
                    e.getKey().rule(), s.positives(), s.negatives(), s.truePositives(), s.falsePositives(),
                    s.falseNegatives(), s.precision(), s.recall()));
        }
        return out.toString();
    }

    /** The corpus lines each kind miscounted, by number. */
    static String wrongLines(Map<Kind, Score> scores) {
        StringBuilder out = new StringBuilder();
        scores.forEach((kind, score) -> {
            if (!score.wrongLines().isEmpty()) {
                out.append("corpus/").append(kind.rule()).append(".tsv: miscounted lines ").append(score.wrongLines())
                        .append('\n');
            }
        });
        return out.toString();
    }
}
