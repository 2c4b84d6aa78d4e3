package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/audit/jsonl.md cannot drift from the sink: its settings, defaults, example and sample line are checked. */
class DocsTest {
    private static final List<String> KEYS = List.of(JsonlSettings.PATH, JsonlSettings.MAX_FILE_SIZE,
            JsonlSettings.ROTATE_EVERY, JsonlSettings.QUEUE_CAPACITY, JsonlSettings.BATCH_SIZE, JsonlSettings.FSYNC,
            JsonlSettings.FSYNC_INTERVAL, JsonlSettings.RETENTION);
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| [^|]+ \\| ([^|]+) \\|", Pattern.MULTILINE);
    private static final Pattern BLOCK = Pattern.compile("```(yaml|json)\\n(.*?)```", Pattern.DOTALL);

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/audit/jsonl.md"))) {
            dir = dir.getParent();
            assertThat(dir).as("a parent folder with docs/audit/jsonl.md").isNotNull();
        }
        return Files.readString(dir.resolve("docs/audit/jsonl.md"));
    }

    @Test
    void theSettingsTableListsEveryKeyWithTheDefaultTheCodeUses() throws IOException {
        ObjectNode defaults = Json.mapper().createObjectNode();
        List<String> documented = new java.util.ArrayList<>();
        String doc = doc();
        int settings = doc.indexOf("\n## Settings\n");
        assertThat(settings).as("a section ## Settings").isPositive();
        int end = doc.indexOf("\n## ", settings + 1);
        Matcher row = ROW.matcher(doc.substring(settings, end < 0 ? doc.length() : end));
        while (row.find()) {
            documented.add(row.group(1));
            String value = row.group(2).strip();
            if (value.startsWith("`") && value.endsWith("`")) {
                defaults.put(row.group(1), value.substring(1, value.length() - 1));
            }
        }

        assertThat(documented).containsExactlyElementsOf(KEYS);
        assertThat(defaults.has(JsonlSettings.RETENTION)).as("retention has no default").isFalse();
        Path home = Path.of("/srv/sluice");
        assertThat(JsonlSettings.read(Settings.of(defaults), home))
                .isEqualTo(JsonlSettings.read(Settings.of(Json.mapper().createObjectNode()), home));
    }

    @Test
    void theExampleConfiguresOnlyKeysTheSinkReads() throws IOException {
        Matcher block = BLOCK.matcher(doc());
        int examples = 0;
        while (block.find()) {
            if (!block.group(1).equals("yaml")) {
                continue;
            }
            JsonNode root = new YAMLMapper().readTree(block.group(2));
            for (JsonNode entry : root.path("audit").path("sinks")) {
                ObjectNode settings = ((ObjectNode) entry).deepCopy();
                assertThat(settings.remove("type").asText()).isEqualTo("jsonl");
                Settings parsed = Settings.of(settings);
                JsonlSettings.read(parsed, Path.of("/srv/sluice"));
                assertThat(parsed.unreadKeys()).isEmpty();
                examples++;
            }
        }
        assertThat(examples).isPositive();
    }

    @Test
    void theSampleLineIsAValidChainedRecord() throws IOException {
        Matcher block = BLOCK.matcher(doc());
        int samples = 0;
        while (block.find()) {
            if (block.group(1).equals("json")) {
                AuditChain.Link link = AuditChain.parseLine(block.group(2).strip());
                assertThat(AuditChain.hash(link.body())).isEqualTo(link.hash());
                samples++;
            }
        }
        assertThat(samples).isPositive();
    }
}
