package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheAdapterForPf4j() throws IOException {
        // The test compilation writes its own (empty) index too, so read every one on the class path.
        List<String> indexes = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                indexes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(indexes).anySatisfy(index -> assertThat(index.lines()).contains(OpenAiAdapter.class.getName()));
    }

    @Test
    void everyPresetAdapterIsIndexedForPf4j() throws IOException {
        List<String> lines = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }

        for (Preset preset : Preset.values()) {
            assertThat(lines).contains(Adapters.of(preset).getClass().getName());
        }
    }
}
