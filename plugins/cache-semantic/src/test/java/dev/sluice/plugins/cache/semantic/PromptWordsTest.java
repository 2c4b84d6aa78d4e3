package dev.sluice.plugins.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptWordsTest {

    private static boolean conflict(String a, String b) {
        return PromptWords.of(a).conflictWith(PromptWords.of(b)).isPresent();
    }

    @Test
    void rewordingsWithTheSameKeyWordsDoNotConflict() {
        assertThat(conflict("What is the capital of France?", "Which city is the capital of France?")).isFalse();
        assertThat(conflict("How many calories are in a banana?", "How many calories does a banana contain?"))
                .isFalse();
        assertThat(conflict("Convert 5 km to miles.", "How many miles are 5 kilometres?")).isFalse();
    }

    @Test
    void theSamePromptDoesNotConflictWithItself() {
        assertThat(conflict("user: Explain TCP.\nassistant: TCP is…\nuser: And UDP?",
                "user: Explain TCP.\nassistant: TCP is…\nuser: And UDP?")).isFalse();
    }

    @Test
    void otherNumbersConflict() {
        assertThat(PromptWords.of("What is 15% of 80?").conflictWith(PromptWords.of("What is 18% of 80?")))
                .contains("different numbers");
        assertThat(conflict("Sum 1,000 and 2", "Sum 1000 and 2")).isFalse();
    }

    @Test
    void aNegationOnOneSideConflicts() {
        assertThat(PromptWords.of("Should I use tabs?").conflictWith(PromptWords.of("Should I not use tabs?")))
                .contains("one is negated");
        assertThat(conflict("Why doesn't my code compile?", "Why does my code compile?")).isTrue();
    }

    @Test
    void theSameWordsInAnotherOrderConflict() {
        assertThat(PromptWords.of("Convert 5 km to miles.").conflictWith(PromptWords.of("Convert 5 miles to km.")))
                .contains("same words in another order");
    }

    @Test
    void oneWordReplacedByAnotherConflicts() {
        assertThat(PromptWords.of("What is the capital of France?")
                .conflictWith(PromptWords.of("What is the capital of Germany?")))
                .contains("one word replaced by another");
    }

    @Test
    void pluralsAndCaseDoNotMakeADifference() {
        assertThat(conflict("List the planets", "list the planet")).isFalse();
    }

    @Test
    void hanCharactersCountOneWordEach() {
        assertThat(conflict("法国的首都是哪里", "德国的首都是哪里")).isTrue();
        assertThat(conflict("法国的首都是哪里", "法国的首都是哪里")).isFalse();
    }
}
