package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/guardrails/pii.md cannot drift from the plugin: its detectors, settings, examples and
 * corpus numbers are checked here.
 */
class PiiDocTest {
    private static final String PAGE = "docs/guardrails/pii.md";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve(PAGE))) {
            dir = dir.getParent();
            assertThat(dir).as("a parent folder with " + PAGE).isNotNull();
        }
        return Files.readString(dir.resolve(PAGE));
    }

    @Test
    void everyDetectorHasASectionAndARowWithItsType() throws IOException {
        String doc = doc();
        for (Kind kind : Kind.values()) {
            assertThat(doc).contains("\n### `" + kind.rule() + "`\n");
            assertThat(doc).contains("| [`" + kind.rule() + "`](#" + kind.rule() + ") | `" + kind.type() + "` |");
        }
    }

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        String doc = doc();
        assertThat(doc).contains("| `action` | `block`, `redact` or `flag` | `"
                + PiiSettings.DEFAULT_ACTION.name().toLowerCase(Locale.ROOT) + "` |");
        assertThat(doc).contains("| `types` |", "| `actions` |", "| `allow` |", "| `high_entropy: flag` |");
        assertThat(Checks.check("").action(Kind.HIGH_ENTROPY).name()).isEqualTo("FLAG");
    }

    @Test
    void theOverlapOrderIsTheOrderOfSpecificity() throws IOException {
        String order = Arrays.stream(Kind.values()).map(k -> "`" + k.rule() + "`").collect(Collectors.joining(", "));
        assertThat(doc().replaceAll("\\s+", " ")).contains("in this order: " + order + ";");
    }

    @Test
    void everyExampleConfiguresAPiiCheckWithKeysThePluginReads() throws IOException {
        List<String> shown = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc());
        while (m.find()) {
            Settings root = Settings.of(new YAMLMapper().readTree(m.group(1)));
            for (Settings entry : root.child("guardrails").orElseThrow().list("checks")) {
                if (!entry.string("type").orElse("").equals("pii")) {
                    continue;
                }
                for (String kernelKey : List.of("name", "type", "stages", "restore")) {
                    entry.markRead(kernelKey);
                }
                new PiiGuardrail().create(entry, null);
                assertThat(entry.unreadKeys()).as("keys the plugin does not read").isEmpty();
                shown.add(entry.string("name").orElseThrow());
            }
        }
        assertThat(shown).isNotEmpty();
    }

    @Test
    void thePrecisionAndRecallTableIsTheOneTheCorpusGives() throws IOException {
        assertThat(doc()).contains(CorpusScores.table(CorpusScores.compute()));
    }
}
