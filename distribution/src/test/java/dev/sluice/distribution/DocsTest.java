package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.kernel.DefaultConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The docs cannot drift from what ships: every configuration key is in the reference page. */
class DocsTest {

    @Test
    void everyKeyOfTheDefaultConfigurationIsInTheReference() throws IOException {
        String reference = Files.readString(RunningGateway.root().resolve("docs/configuration.md"));
        Set<String> keys = new TreeSet<>();
        collect(new YAMLMapper().readTree(DefaultConfig.text().replace("${", "$")), "", keys);

        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(reference).as("docs/configuration.md")
                .contains("`" + key + "`"));
    }

    @Test
    void theReadmeGivesTheTwoCommandsThatTheTestsAndCiRun() throws IOException {
        String readme = Files.readString(RunningGateway.root().resolve("README.md"));
        String ci = Files.readString(RunningGateway.root().resolve(".ci/run"));

        assertThat(readme).contains("```sh\n./sluice\n```").contains("```sh\n./mvnw -B -ntp verify\n```");
        assertThat(ci).contains("./mvnw -B -ntp verify");
        assertThat(Path.of(RunningGateway.root().resolve("sluice").toString())).isExecutable();
    }

    /** Collects dotted key paths, with {@code []} for list items: {@code models[].targets[].provider}. */
    private static void collect(JsonNode node, String path, Set<String> keys) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                keys.add(key);
                collect(field.getValue(), key, keys);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, path + "[]", keys);
            }
        }
    }
}
