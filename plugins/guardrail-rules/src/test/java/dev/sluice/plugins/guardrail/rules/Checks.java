package dev.sluice.plugins.guardrail.rules;

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
import java.util.List;

/** Builds checks from YAML settings, as written in the configuration file, and runs them. */
final class Checks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
    static GuardrailCheck check(String yaml) {
        Settings settings = settings(yaml);
        GuardrailCheck check = new RulesGuardrail().create(settings, null);
        assertThat(settings.unreadKeys()).as("unread keys").isEmpty();
        return check;
    }

    static List<Finding> input(GuardrailCheck check, String text) {
        return inspect(check, Inspection.Stage.INPUT, "user", text, true);
    }

    static List<Finding> output(GuardrailCheck check, String text) {
        return inspect(check, Inspection.Stage.OUTPUT, "assistant", text, true);
    }

    static List<Finding> inspect(GuardrailCheck check, Inspection.Stage stage, String role, String text,
            boolean complete) {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("user", text)));
        return check.inspect(new Inspection(stage, text, role, complete, request));
    }

    /** The rules of the findings, in order. */
    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    /** The covered text of each span finding (test data only). */
    static List<String> covered(String text, List<Finding> findings) {
        return findings.stream().filter(Finding::hasSpan).map(f -> text.substring(f.start(), f.end())).toList();
    }
}
