package dev.sluice.plugins.guardrail.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The injection heuristics against labelled lists of attacks and ordinary prompts. Prints
 * precision and recall as counts and line numbers; never prints a prompt.
 *
 * <ul>
 *   <li>{@code injection/labelled.tsv}: the list the heuristics were written against; every
 *       attack must be found by its labelled heuristic and no ordinary prompt flagged.
 *   <li>{@code injection/heldout.tsv}: a list written afterwards and never used for tuning; its
 *       numbers are an honest estimate, and the test only keeps them from getting worse.
 * </ul>
 */
class InjectionCorpusTest {
    private static final GuardrailCheck CHECK = Checks.check("");

    record Labelled(int line, boolean attack, String expected, String text) {
    }

    /** The outcome over one list; the lists hold line numbers. */
    record Tally(int attacks, int benign, List<Integer> missed, List<Integer> falseAlarms, List<Integer> otherHeuristic) {
        int truePositives() {
            return attacks - missed.size();
        }

        double precision() {
            int flagged = truePositives() + falseAlarms.size();
            return flagged == 0 ? 1 : truePositives() / (double) flagged;
        }

        double recall() {
            return attacks == 0 ? 1 : truePositives() / (double) attacks;
        }

        String summary(String name) {
            return String.format(Locale.ROOT, "%s: %d attacks, %d benign; TP=%d FN=%d FP=%d TN=%d;"
                    + " precision=%.3f recall=%.3f", name, attacks, benign, truePositives(), missed.size(),
                    falseAlarms.size(), benign - falseAlarms.size(), precision(), recall());
        }
    }

    static List<Labelled> read(String resource) {
        try (InputStream in = InjectionCorpusTest.class.getResourceAsStream(resource)) {
            List<Labelled> out = new ArrayList<>();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                out.add(new Labelled(i + 1, parts[0].equals("attack"), parts[1], parts[2]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tally tally(String resource) {
        int attacks = 0;
        int benign = 0;
        List<Integer> missed = new ArrayList<>();
        List<Integer> falseAlarms = new ArrayList<>();
        List<Integer> otherHeuristic = new ArrayList<>();
        for (Labelled l : read(resource)) {
            List<String> rules = Checks.input(CHECK, l.text()).stream().map(Finding::rule).toList();
            if (l.attack()) {
                attacks++;
                if (rules.isEmpty()) {
                    missed.add(l.line());
                } else if (!l.expected().equals("-") && !rules.contains("injection:" + l.expected())) {
                    otherHeuristic.add(l.line());
                }
            } else {
                benign++;
                if (!rules.isEmpty()) {
                    falseAlarms.add(l.line());
                }
            }
        }
        return new Tally(attacks, benign, missed, falseAlarms, otherHeuristic);
    }

    @Test
    void heuristicsFindEveryListedAttackAndNoOrdinaryPrompt() {
        Tally t = tally("/injection/labelled.tsv");
        System.out.println(t.summary("labelled list"));
        assertThat(t.attacks()).as("attacks listed").isGreaterThanOrEqualTo(20);
        assertThat(t.benign()).as("benign prompts listed").isGreaterThanOrEqualTo(20);
        assertThat(t.falseAlarms()).as("lines of benign prompts flagged").isEmpty();
        assertThat(t.missed()).as("lines of attacks missed").isEmpty();
        assertThat(t.otherHeuristic()).as("lines of attacks found by another heuristic than labelled").isEmpty();
    }

    @Test
    void heldOutListDoesNotGetWorse() {
        Tally t = tally("/injection/heldout.tsv");
        System.out.println(t.summary("held-out list") + "; missed lines " + t.missed() + ", false alarms on lines "
                + t.falseAlarms());
        assertThat(t.attacks()).isGreaterThanOrEqualTo(20);
        assertThat(t.benign()).isGreaterThanOrEqualTo(20);
        // The numbers measured when the list was written (docs/guardrails/rules.md): 13 of 22
        // attacks found, 3 of 21 ordinary prompts flagged.
        assertThat(t.truePositives()).as("held-out attacks found").isGreaterThanOrEqualTo(13);
        assertThat(t.falseAlarms()).as("held-out ordinary prompts flagged").hasSizeLessThanOrEqualTo(3);
    }
}
