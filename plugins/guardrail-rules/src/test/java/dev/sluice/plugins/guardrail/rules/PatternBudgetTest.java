package dev.sluice.plugins.guardrail.rules;

import static dev.sluice.plugins.guardrail.rules.Checks.check;
import static dev.sluice.plugins.guardrail.rules.Checks.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternBudgetTest {

    /**
     * Exponential on "abab…ab" (every "ab" parses two ways, and Java does not memoise bounded
     * repetition), linear on one repeated character: it passes the probe at create().
     */
    private static final String SLOW_ON_PAIRS = "(?:a|b|ab){1,100}c";

    @Test
    void catastrophicPatternStopsAfterItsBudget() {
        // Lazy nested repetition: exponential in the length of a run of "a" (2^40 steps here).
        BoundedPattern pattern = new BoundedPattern(Pattern.compile("(a+?)+?b"));
        String text = "a".repeat(40) + "!";
        long started = System.nanoTime();
        BoundedPattern.Scan scan = pattern.findAll(text, 1_000_000);
        assertThat(scan.exhausted()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void reasonablePatternFinishesWellWithinItsBudget() {
        BoundedPattern pattern = new BoundedPattern(Pattern.compile("\\bINC-\\d{6}\\b"));
        String text = "word ".repeat(6_000) + "INC-123456";
        BoundedPattern.Scan scan = pattern.findAll(text, new StepBudget(StepBudget.DEFAULT_PER_CHAR).forLength(text.length()));
        assertThat(scan.exhausted()).isFalse();
        assertThat(scan.spans()).hasSize(1);
    }

    @Test
    void budgetedTextCountsReadsThroughSubSequences() {
        BudgetedText text = new BudgetedText("abcdef", 3);
        CharSequence tail = text.subSequence(2, 6);
        assertThat(tail.charAt(0)).isEqualTo('c');
        assertThat(text.charAt(0)).isEqualTo('a');
        assertThat(tail.toString()).isEqualTo("cdef");
        tail.charAt(1);
        assertThatThrownBy(() -> text.charAt(1)).isInstanceOf(BudgetedText.Exhausted.class);
    }

    @Test
    void createRejectsAPatternThatBacktracksCatastrophicallyNamingKeyAndIndex() {
        assertThatThrownBy(() -> check("deny_patterns: [\"\\\\bok\\\\b\", \"(a+?)+?b\"]"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("deny_patterns[1]"))
                .hasMessageContaining("backtracks catastrophically");
        assertThatThrownBy(() -> check("deny_patterns: [{ id: x, pattern: \"(\\\\w+\\\\s?){1,50}!\" }]"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("deny_patterns[0].pattern"));
    }

    @Test
    void blockingPatternThatRunsOutOfBudgetBlocksTheText() {
        GuardrailCheck check = check("deny_patterns: [{ id: pairs, pattern: \"" + SLOW_ON_PAIRS + "\" }]\n"
                + "injection: false");
        String text = "ab".repeat(2_000);
        long started = System.nanoTime();
        List<Finding> findings = input(check, text);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("deny:pairs");
            assertThat(f.hasSpan()).isFalse();
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.detail()).contains("budget");
        });
    }

    @Test
    void redactingPatternThatRunsOutOfBudgetKeepsWhatItFoundAndFlags() {
        GuardrailCheck check = check("deny_patterns: [{ id: pairs, pattern: \"" + SLOW_ON_PAIRS
                + "\", action: redact }]\ninjection: false\npattern_steps_per_char: 50");
        String text = "ababc " + "ab".repeat(2_000);
        List<Finding> findings = input(check, text);
        assertThat(findings).extracting(Finding::hasSpan, Finding::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(false, Action.FLAG),
                org.assertj.core.groups.Tuple.tuple(true, Action.REDACT));
        assertThat(findings.get(1).start()).isZero();
        assertThat(findings.get(1).end()).isEqualTo(5);
    }

    @Test
    void patternThatOverflowsTheStackOnALongTextCountsAsOutOfBudget() {
        // Java matches a repeated alternation recursively, one frame per repetition.
        GuardrailCheck check = check("deny_patterns: [{ id: ab, pattern: \"(?:a|b)*c\", action: redact }]\n"
                + "injection: false");
        List<Finding> findings = input(check, "ab".repeat(50_000));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.hasSpan()).isFalse();
            assertThat(f.action()).isEqualTo(Action.FLAG);
        });
    }
}
