package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/audit/otlp.md cannot drift from the sink: its settings, defaults, attributes and examples are checked here. */
class OtlpDocTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SETTING_ROW = Pattern.compile("^\\| `([a-z_]+)` \\| ([^|]+) \\| ([^|]+) \\|",
            Pattern.MULTILINE);

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/audit/otlp.md"))) {
            dir = dir.getParent();
            assertThat(dir).as("a parent folder with docs/audit/otlp.md").isNotNull();
        }
        return Files.readString(dir.resolve("docs/audit/otlp.md"));
    }

    /** The rows of the Settings table: key to its Default cell. */
    private static Map<String, String> settingsTable(String doc) {
        String section = doc.substring(doc.indexOf("## Settings"), doc.indexOf("## Spans"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = SETTING_ROW.matcher(section);
        while (m.find()) {
            rows.put(m.group(1), m.group(3).strip());
        }
        return rows;
    }

    @Test
    void settingsTableListsExactlyTheKeysTheSinkReads() throws IOException {
        assertThat(settingsTable(doc()).keySet()).containsExactlyInAnyOrderElementsOf(OtlpSettings.KEYS);
    }

    @Test
    void documentedDefaultsAreTheDefaults() throws IOException {
        ObjectNode documented = Fixtures.JSON.createObjectNode();
        settingsTable(doc()).forEach((key, cell) -> {
            if (cell.startsWith("`")) {
                documented.put(key, cell.substring(1, cell.indexOf('`', 1)));
            }
        });
        assertThat(documented.size()).isEqualTo(OtlpSettings.KEYS.size() - 2); // headers, provider_names: none

        assertThat(OtlpSettings.read(Settings.of(documented)).toString())
                .isEqualTo(OtlpSettings.read(Fixtures.settings(Map.of())).toString());
    }

    @Test
    void everyAttributeTheSinkEmitsIsDocumented() throws IOException {
        String doc = doc();
        AuditRecord everything = Fixtures.chat("req-1").sessionId("s").stream(true).timeToFirstTokenMs(100.0)
                .status(502).error("failed").errorType("upstream_error").tags(List.of("t"))
                .costSavedUsd(BigDecimal.ONE).cacheStatus("miss").cacheSimilarity(0.9)
                .guardrailsTriggered(List.of(Fixtures.piiEmail())).attempts(List.of(
                        new AuditAttempt("openai", "gpt-4o", 500, "boom", 10),
                        new AuditAttempt("openai", "gpt-4o", 200, null, 10))).build();
        Set<String> emitted = new TreeSet<>();
        for (SpanData span : new SpanLayout(new ProviderNames(Map.of()), new SpanIds(1)).spans(everything)) {
            span.attributes().forEach(a -> emitted.add(a.key()));
        }
        AuditRecord answered = everything.toBuilder().status(200).error(null).errorType(null).build();
        for (SpanData span : new SpanLayout(new ProviderNames(Map.of()), new SpanIds(1)).spans(answered)) {
            span.attributes().forEach(a -> emitted.add(a.key()));
        }

        assertThat(emitted).hasSizeGreaterThan(35).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
    }

    @Test
    void providerNameTableIsTheBuiltInTable() throws IOException {
        List<String> lines = doc().lines().toList();

        assertThat(ProviderNames.WELL_KNOWN).allSatisfy((name, value) -> assertThat(lines).anyMatch(l ->
                l.startsWith("| ") && l.contains("`" + name + "`") && l.endsWith("| `" + value + "` |")));
    }

    @Test
    void everyExampleSinkEntryIsValid() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc());
        while (m.find()) {
            JsonNode root = new YAMLMapper().readTree(m.group(1));
            for (JsonNode sink : root.path("audit").path("sinks")) {
                if (sink.path("type").asText().equals("otlp")) {
                    entries.add(sink);
                }
            }
        }

        assertThat(entries).hasSizeGreaterThanOrEqualTo(5).allSatisfy(entry -> {
            ObjectNode withoutType = ((ObjectNode) entry).deepCopy();
            withoutType.remove("type");
            Settings settings = Settings.of(withoutType);
            OtlpSettings.read(settings);
            assertThat(settings.unreadKeys()).isEmpty();
        });
    }
}
