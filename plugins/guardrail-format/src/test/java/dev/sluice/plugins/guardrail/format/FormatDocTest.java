package dev.sluice.plugins.guardrail.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/guardrails/format.md cannot drift from the check: its settings, numbers, examples and details are checked here. */
class FormatDocTest {
    private static final String PAGE = "docs/guardrails/format.md";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEXT_BLOCK = Pattern.compile("```text\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path home;

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve(PAGE))) {
            dir = dir.getParent();
            assertThat(dir).as("a parent folder with " + PAGE).isNotNull();
        }
        return Files.readString(dir.resolve(PAGE));
    }

    @Test
    void namesTheGuardrailTypeInItsTitle() throws IOException {
        assertThat(doc()).startsWith("# Output format guardrail (`" + FormatGuardrail.NAME + "`)\n");
    }

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        assertThat(doc()).contains(
                "| `" + FormatSettings.SCHEMA + "` | a JSON Schema, written as a mapping | none |",
                "| `" + FormatSettings.SCHEMA_FILE + "` | path of a JSON file | none |",
                "| `" + FormatSettings.REQUIRE_JSON + "` | `true`, `false` or `always` | `"
                        + FormatSettings.DEFAULT_REQUIRE_JSON.text() + "` |",
                "| `" + FormatSettings.ON_INVALID + "` | `block`, `retry` or `flag` | `"
                        + FormatSettings.DEFAULT_ON_INVALID.name().toLowerCase(Locale.ROOT) + "` |",
                "| `" + FormatSettings.STRIP_CODE_FENCES + "` | `true` or `false` | `"
                        + FormatSettings.DEFAULT_STRIP_CODE_FENCES + "` |");
    }

    @Test
    void documentedDefaultsAreTheDefaults() {
        FormatSettings written = FormatSettings.from(Checks.settings("{\"require_json\": \"true\", \"on_invalid\": "
                + "\"block\", \"strip_code_fences\": \"true\"}"), home, new SchemaCompiler());

        assertThat(written).isEqualTo(FormatSettings.from(Checks.settings("{}"), home, new SchemaCompiler()));
    }

    @Test
    void documentedNumbersAreTheCodes() throws IOException {
        assertThat(doc()).contains(
                "keeps up to " + FormatCheck.CACHED_SCHEMAS + " schemas and "
                        + FormatCheck.CACHED_SCHEMA_CHARS / (1024 * 1024) + " M characters of schema text",
                "Up to " + FormatCheck.MAX_VIOLATIONS + " violations",
                "stops after " + String.format(Locale.ROOT, "%,d", CompiledSchema.MAX_EVALUATION_STEPS) + " evaluation steps",
                "after " + String.format(Locale.ROOT, "%,d", BoundedRegularExpressions.MAX_STEPS) + "\ncharacter reads");
        assertThat(doc()).contains("| `" + FormatCheck.RULE_PARSE + "` |", "| `" + FormatCheck.RULE_SCHEMA + "` |",
                "has type `" + FormatCheck.TYPE + "`");
    }

    @Test
    void documentedDetailsAreWhatTheCheckWrites() throws IOException {
        Matcher m = TEXT_BLOCK.matcher(doc());
        assertThat(m.find()).isTrue();
        List<String> shown = m.group(1).lines().toList();

        GuardrailCheck json = Checks.check("{}");
        GuardrailCheck person = Checks.check("{\"schema\": " + Checks.PERSON_SCHEMA + "}");
        assertThat(shown).containsExactly(
                Checks.inspect(json, "{\n  \"name\": \"Ada\",\n  \"age\": 36,\n}", Checks.jsonObjectRequest()).get(0).detail(),
                Checks.inspect(person, "{\"name\": \"Ada\", \"age\": \"36\", \"nickname\": \"A\"}", Checks.plainRequest())
                        .get(0).detail());
    }

    @Test
    void everyExampleBuildsACheckReadingEveryKey() throws IOException {
        List<Settings> shown = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc());
        while (m.find()) {
            Settings root = Settings.of(new YAMLMapper().readTree(m.group(1)));
            for (Settings check : root.child("guardrails").orElseThrow().list("checks")) {
                if (FormatGuardrail.NAME.equals(check.string("type").orElse(""))) {
                    List.of("name", "type", "stages").forEach(check::markRead); // the kernel's keys
                    shown.add(check);
                }
            }
        }

        assertThat(shown).hasSize(2).allSatisfy(check -> {
            GuardrailCheck built = new FormatGuardrail().create(check, new Checks.Context(home));
            assertThat(check.unreadKeys()).isEmpty();
            assertThat(Checks.inspect(built, "not json", Checks.jsonObjectRequest()))
                    .extracting(Finding::rule).containsExactly(FormatCheck.RULE_PARSE);
        });
    }
}
