package dev.sluice.plugins.guardrail.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordMatcherTest {

    private static List<String> found(List<String> terms, String text) {
        return new WordMatcher(terms).findAll(text).stream().map(m -> text.substring(m.start(), m.end())).toList();
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(found(List.of("ass"), "a class of brass, assumed passé")).isEmpty();
        assertThat(found(List.of("ass"), "what an ass.")).containsExactly("ass");
        assertThat(found(List.of("ass"), "ass")).containsExactly("ass");
    }

    @Test
    void ignoresCaseInAnyScript() {
        assertThat(found(List.of("falcon"), "FALCON, Falcon and falcon")).containsExactly("FALCON", "Falcon", "falcon");
        assertThat(found(List.of("straße"), "Die STRAßE ist lang")).containsExactly("STRAßE");
        assertThat(found(List.of("σοφία"), "Η ΣΟΦΊΑ")).containsExactly("ΣΟΦΊΑ");
        assertThat(found(List.of("İstanbul"), "going to istanbul")).containsExactly("istanbul");
    }

    @Test
    void treatsAccentedLettersAsPartOfTheWord() {
        assertThat(found(List.of("pass"), "passé")).isEmpty();
        assertThat(found(List.of("café"), "un café noir")).containsExactly("café");
        assertThat(found(List.of("caf"), "un café noir")).isEmpty();
    }

    @Test
    void matchesTermsOfUnspacedScriptsAnywhere() {
        assertThat(found(List.of("秘密"), "これは秘密です")).containsExactly("秘密");
    }

    @Test
    void phraseSpacesMatchAnyRunOfWhiteSpace() {
        assertThat(found(List.of("project falcon"), "about Project\n   Falcon today"))
                .containsExactly("Project\n   Falcon");
        assertThat(found(List.of("project falcon"), "projectfalcon")).isEmpty();
        assertThat(found(List.of("project  falcon "), "project\u00a0falcon")).containsExactly("project\u00a0falcon");
    }

    @Test
    void longestTermWinsAndMatchesDoNotOverlap() {
        assertThat(found(List.of("kill", "kill the process"), "kill the process, then kill it"))
                .containsExactly("kill the process", "kill");
    }

    @Test
    void wildcardMatchesTheRestOfTheWord() {
        assertThat(found(List.of("diagnos*"), "Diagnosis, diagnosed, diagnose; agnostic"))
                .containsExactly("Diagnosis", "diagnosed", "diagnose");
        assertThat(found(List.of("diagnos*"), "prediagnosis")).isEmpty();
    }

    @Test
    void termsEdgedWithPunctuationMatchAsWritten() {
        assertThat(found(List.of("c++"), "I write C++ and c++20")).containsExactly("C++", "c++");
        assertThat(found(List.of("</s>"), "end</s>start")).containsExactly("</s>");
    }

    @Test
    void keysNormaliseCaseAndSpaces() {
        assertThat(WordMatcher.key("  Project \t FALCON ")).isEqualTo("project falcon");
        assertThat(WordMatcher.key("Diagnos *")).isEqualTo("diagnos*");
    }

    @Test
    void rejectsTermsWithNothingToMatch() {
        assertThatThrownBy(() -> WordMatcher.key("   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> WordMatcher.key("*")).hasMessageContaining("empty");
        assertThatThrownBy(() -> WordMatcher.key("a*b")).hasMessageContaining("only end with *");
    }
}
