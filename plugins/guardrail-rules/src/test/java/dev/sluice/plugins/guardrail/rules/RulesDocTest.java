package dev.sluice.plugins.guardrail.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/guardrails/rules.md cannot drift from the code: its keys, heuristics, numbers and examples are checked. */
class RulesDocTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/guardrails/rules.md"))) {
            dir = dir.getParent();
            assertThat(dir).as("a parent folder with docs/guardrails/rules.md").isNotNull();
        }
        return Files.readString(dir.resolve("docs/guardrails/rules.md"));
    }

    @Test
    void everySettingIsInTheTable() throws IOException {
        String doc = doc();
        assertThat(List.of("action", "deny", "deny[].word", "deny[].id", "deny[].action", "deny_patterns",
                "deny_patterns[].pattern", "deny_patterns[].id", "deny_patterns[].action", "allow", "allow_patterns",
                "topics", "topics[].name", "topics[].keywords", "topics[].min_matches", "topics[].action",
                "max_prompt_tokens", "max_prompt_tokens.limit", "max_prompt_tokens.action", "injection",
                "injection.action", "injection.ignore_roles", "pattern_steps_per_char"))
                .allSatisfy(key -> assertThat(doc).contains("| `" + key + "` |"));
        assertThat(doc).contains("| `pattern_steps_per_char` | integer from 10 to 1000000 | `"
                + StepBudget.DEFAULT_PER_CHAR + "` |");
        assertThat(doc).contains(String.format(Locale.ROOT, "%,d", StepBudget.BASE).replace(',', ' ')
                + " character reads plus");
    }

    @Test
    void everyInjectionHeuristicIsDescribed() throws IOException {
        String doc = doc();
        assertThat(InjectionHeuristics.PHRASES).allSatisfy(h -> assertThat(doc).contains("| `" + h.id() + "` |"));
        assertThat(doc).contains("| `" + InjectionHeuristics.BASE64 + "` |");
    }

    @Test
    void publishedPrecisionAndRecallAreTheMeasuredOnes() throws IOException {
        String doc = doc();
        for (String list : List.of("labelled", "heldout")) {
            InjectionCorpusTest.Tally t = InjectionCorpusTest.tally("/injection/" + list + ".tsv");
            assertThat(doc).contains(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.3f | %.3f |",
                    t.attacks(), t.benign(), t.truePositives(), t.missed().size(), t.falseAlarms().size(),
                    t.precision(), t.recall()));
        }
    }

    @Test
    void everyExampleConfiguresChecksWithKeysThePluginReads() throws IOException {
        Matcher m = YAML_BLOCK.matcher(doc());
        List<String> created = new ArrayList<>();
        while (m.find()) {
            Settings root = Settings.of(new YAMLMapper().readTree(m.group(1)));
            for (Settings check : root.child("guardrails").orElseThrow().list("checks")) {
                assertThat(check.string("type")).contains("rules");
                // The gateway reads these four for every check.
                check.markRead("name");
                check.markRead("type");
                check.markRead("stages");
                check.markRead("restore");
                new RulesGuardrail().create(check, null);
                assertThat(check.unreadKeys()).as("unread keys of " + check.string("name").orElseThrow()).isEmpty();
                created.add(check.string("name").orElseThrow());
            }
        }
        assertThat(created).hasSizeGreaterThanOrEqualTo(5);
    }
}
