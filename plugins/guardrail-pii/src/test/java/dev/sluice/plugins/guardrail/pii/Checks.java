package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Builds checks from YAML settings, as written in the configuration file, and runs them. */
final class Checks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ChatRequest REQUEST = ChatRequest.of("chat", List.of(Message.of("user", "hello")));

    private Checks() {
    }

    static Settings settings(String yaml) {
        try {
            return Settings.of(YAML.readTree(yaml.isBlank() ? "{}" : yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A check from YAML settings; fails when a key was left unread. */
    static PiiCheck check(String yaml) {
        Settings settings = settings(yaml);
        GuardrailCheck check = new PiiGuardrail().create(settings, null);
        assertThat(settings.unreadKeys()).as("unread keys").isEmpty();
        return (PiiCheck) check;
    }

    /** Findings on a prompt message; also asserts what every finding must satisfy. */
    static List<Finding> input(GuardrailCheck check, String text) {
        List<Finding> findings = check.inspect(new Inspection(Inspection.Stage.INPUT, text, "user", true, REQUEST));
        assertWellFormed(text, findings);
        return findings;
    }

    /**
     * Every finding is a span inside the text, marked as personal data, with a detail that does not
     * contain the matched value; findings are in order and do not overlap.
     */
    static void assertWellFormed(String text, List<Finding> findings) {
        int previousEnd = 0;
        for (Finding f : findings) {
            assertThat(f.hasSpan()).as("a span").isTrue();
            assertThat(f.start()).as("in order, not overlapping").isGreaterThanOrEqualTo(previousEnd);
            assertThat(f.end()).as("inside the text").isLessThanOrEqualTo(text.length());
            assertThat(f.pii()).as("personal data").isTrue();
            String value = text.substring(f.start(), f.end());
            // Checked without printing either string, so that a failure does not show the value.
            assertThat(f.detail().contains(value.strip())).as("the detail of a %s finding contains its value", f.rule())
                    .isFalse();
            previousEnd = f.end();
        }
    }

    /** The rules of the findings, in order. */
    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    /** The covered text of each finding (test data only). */
    static List<String> covered(String text, List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(text.substring(f.start(), f.end()));
        }
        return out;
    }

    /** What one detector alone finds, as covered text. */
    static List<String> found(Kind kind, String text) {
        List<Hit> hits = new ArrayList<>();
        PiiSettings.detector(kind).find(text, hits);
        return hits.stream().map(h -> text.substring(h.start(), h.end())).toList();
    }
}
