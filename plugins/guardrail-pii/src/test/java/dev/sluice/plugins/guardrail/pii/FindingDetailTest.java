package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Findings describe what was found, never the value: they go to clients, audit records and logs. */
class FindingDetailTest {

    @Test
    void noDetailOfAnyCorpusFindingContainsTheMatchedValueOrAPartOfIt() {
        PiiCheck check = Checks.check("");
        int findings = 0;
        for (Kind kind : Kind.values()) {
            for (Corpus.Sample sample : Corpus.of(kind)) {
                List<Finding> found = Checks.input(check, sample.text());
                for (Finding f : found) {
                    String value = sample.text().substring(f.start(), f.end()).toLowerCase(Locale.ROOT);
                    String detail = f.detail().toLowerCase(Locale.ROOT);
                    assertThat(detail.contains(value)).as("detail of %s contains the value", f.rule()).isFalse();
                    // No run of 6 characters with a digit either (a card's last digits, a piece of a key).
                    for (int i = 0; i + 6 <= value.length(); i++) {
                        String piece = value.substring(i, i + 6);
                        if (piece.chars().anyMatch(Character::isDigit)) {
                            assertThat(detail.contains(piece)).as("detail of %s contains part of the value", f.rule())
                                    .isFalse();
                        }
                    }
                }
                findings += found.size();
            }
        }
        assertThat(findings).isPositive();
    }

    @Test
    void theDetailSaysWhatKindWasFound() {
        List<Finding> findings = Checks.input(Checks.check(""), "jane@example.com");
        assertThat(findings).singleElement().extracting(Finding::detail)
                .isEqualTo("the text contains an email address");
    }
}
