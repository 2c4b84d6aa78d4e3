package dev.sluice.plugins.guardrail.rules;

import static dev.sluice.plugins.guardrail.rules.Checks.check;
import static dev.sluice.plugins.guardrail.rules.Checks.covered;
import static dev.sluice.plugins.guardrail.rules.Checks.input;
import static dev.sluice.plugins.guardrail.rules.Checks.output;
import static dev.sluice.plugins.guardrail.rules.Checks.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenyRuleTest {

    @Test
    void deniedWordIsABlockingSpanNamedAfterTheWord() {
        GuardrailCheck check = check("deny: [\"Project Falcon\"]\ninjection: false");
        String text = "Tell me about project   falcon.";
        List<Finding> findings = input(check, text);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("deny:project-falcon");
            assertThat(f.type()).isEqualTo("DENIED");
            assertThat(f.pii()).isFalse();
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.detail()).doesNotContainIgnoringCase("falcon");
        });
        assertThat(covered(text, findings)).containsExactly("project   falcon");
    }

    @Test
    void deniedWordDoesNotMatchInsideAnotherWord() {
        GuardrailCheck check = check("deny: [ass]\ninjection: false");
        assertThat(input(check, "The class passed its assessment; the bass was assured.")).isEmpty();
        assertThat(input(check, "Don't be an ASS.")).hasSize(1);
    }

    @Test
    void checksAnswersAsWellAsPrompts() {
        GuardrailCheck check = check("deny: [falcon]");
        assertThat(rules(output(check, "Falcon is the code name."))).containsExactly("deny:falcon");
    }

    @Test
    void allowedPhraseExemptsTheDeniedWordInsideIt() {
        GuardrailCheck check = check("deny: [kill]\nallow: [\"kill the process\"]\ninjection: false");
        String text = "Kill the process first, then kill the server.";
        List<Finding> findings = input(check, text);
        assertThat(covered(text, findings)).containsExactly("kill");
        assertThat(findings.get(0).start()).isEqualTo(text.lastIndexOf("kill"));
    }

    @Test
    void allowPatternExemptsToo() {
        GuardrailCheck check = check("""
                deny: [secret]
                allow_patterns: ["(?i)secret\\\\s+santa"]
                injection: false
                """);
        assertThat(input(check, "Our Secret Santa is on Friday.")).isEmpty();
        assertThat(input(check, "Our secret plan is on Friday.")).hasSize(1);
    }

    @Test
    void eachTermMayCarryItsOwnIdAndAction() {
        GuardrailCheck check = check("""
                action: flag
                deny:
                  - darn
                  - { word: "project falcon", id: falcon, action: redact }
                injection: false
                """);
        List<Finding> findings = input(check, "darn, project falcon leaked");
        assertThat(findings).extracting(Finding::rule, Finding::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deny:darn", Action.FLAG),
                        org.assertj.core.groups.Tuple.tuple("deny:falcon", Action.REDACT));
    }

    @Test
    void deniedPatternsFindSpansWithTheirIds() {
        GuardrailCheck check = check("""
                deny_patterns:
                  - "\\\\bINC-\\\\d{6}\\\\b"
                  - { id: build, pattern: "(?i)\\\\bbuild-[0-9a-f]{8}\\\\b", action: redact }
                injection: false
                """);
        String text = "See INC-123456 and Build-0badc0de, not INC-12.";
        List<Finding> findings = input(check, text);
        assertThat(rules(findings)).containsExactly("deny:pattern-0", "deny:build");
        assertThat(covered(text, findings)).containsExactly("INC-123456", "Build-0badc0de");
        assertThat(findings.get(1).action()).isEqualTo(Action.REDACT);
        assertThat(findings).allSatisfy(f -> assertThat(f.detail()).doesNotContain("INC").doesNotContain("0bad"));
    }

    @Test
    void patternsAreCaseSensitiveUnlessTheySayOtherwise() {
        GuardrailCheck check = check("deny_patterns: [\"\\\\bfalcon\\\\b\"]\ninjection: false");
        assertThat(input(check, "FALCON")).isEmpty();
        assertThat(input(check, "falcon")).hasSize(1);
    }

    @Test
    void overlappingMatchesKeepTheStrongerAction() {
        GuardrailCheck check = check("""
                deny:
                  - { word: falcon, action: flag }
                deny_patterns:
                  - { id: falcon-code, pattern: "falcon-\\\\d+", action: block }
                injection: false
                """);
        String text = "falcon-42 and falcon";
        List<Finding> findings = input(check, text);
        assertThat(findings).extracting(Finding::rule).containsExactly("deny:falcon-code", "deny:falcon");
        assertThat(covered(text, findings)).containsExactly("falcon-42", "falcon");
    }

    @Test
    void aMatchAtTheEndOfAnUnfinishedStreamWindowWaitsForMoreText() {
        GuardrailCheck check = check("deny: [ass]");
        assertThat(Checks.inspect(check, Inspection.Stage.OUTPUT, "assistant", "we will ass", false)).isEmpty();
        assertThat(Checks.inspect(check, Inspection.Stage.OUTPUT, "assistant", "we will ass", true)).hasSize(1);
        assertThat(Checks.inspect(check, Inspection.Stage.OUTPUT, "assistant", "we will ass now", false)).hasSize(1);
    }

    @Test
    void findsNothingInCleanText() {
        GuardrailCheck check = check("deny: [falcon, \"project hawk\"]\ndeny_patterns: [\"\\\\d{9}\"]");
        assertThat(input(check, "A perfectly ordinary question about Java records.")).isEmpty();
    }
}
