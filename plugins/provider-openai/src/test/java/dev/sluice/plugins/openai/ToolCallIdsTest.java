package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolCallIdsTest {

    @Test
    void idAlreadyNineLettersAndDigitsIsKept() {
        assertThat(ToolCallIds.alphanumeric9("D681PevKs")).isEqualTo("D681PevKs");
    }

    @Test
    void openAiIdBecomesNineLettersAndDigits() {
        assertThat(ToolCallIds.alphanumeric9("call_Wq3nVb7KzR1xYp0LmT5cHd2A")).matches("[A-Za-z0-9]{9}");
    }

    @Test
    void sameIdAlwaysMapsToTheSameShortId() {
        assertThat(ToolCallIds.alphanumeric9("toolu_01A09q90qw90lq917835lq9"))
                .isEqualTo(ToolCallIds.alphanumeric9("toolu_01A09q90qw90lq917835lq9"));
    }

    @Test
    void differentIdsMapToDifferentShortIds() {
        assertThat(ToolCallIds.alphanumeric9("call_1")).isNotEqualTo(ToolCallIds.alphanumeric9("call_2"));
    }
}
