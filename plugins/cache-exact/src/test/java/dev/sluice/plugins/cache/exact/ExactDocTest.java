package dev.sluice.plugins.cache.exact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/caching/exact.md cannot drift from the store: its settings, defaults and example are checked here. */
class ExactDocTest {
    private static final String PAGE = "docs/caching/exact.md";
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
    void namesTheStoreTypeInItsTitle() throws IOException {
        assertThat(doc()).startsWith("# Exact response cache (`" + ExactCache.NAME + "`)\n");
    }

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        String doc = doc();

        assertThat(doc).contains("| `" + ExactCacheSettings.MAX_BYTES + "` | size, at least `"
                + ExactCacheSettings.LIGHTEST_ENTRY * ExactCacheSettings.LARGEST_ENTRY_SHARE + "` | `"
                + ExactCacheSettings.DEFAULT_MAX_BYTES_TEXT + "` |");
        assertThat(doc).contains("| `" + ExactCacheSettings.MAX_ENTRIES + "` | integer ≥ 1 | none");
    }

    @Test
    void documentedDefaultIsTheDefault() throws IOException {
        Settings written = Settings.of(new YAMLMapper().readTree(
                ExactCacheSettings.MAX_BYTES + ": " + ExactCacheSettings.DEFAULT_MAX_BYTES_TEXT));

        assertThat(ExactCacheSettings.from(written).maxBytes()).isEqualTo(ExactCacheSettings.DEFAULT_MAX_BYTES);
    }

    @Test
    void everyExampleOpensAStoreReadingEveryKey() throws IOException {
        List<Settings> shown = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc());
        while (m.find()) {
            Settings root = Settings.of(new YAMLMapper().readTree(m.group(1)));
            for (Settings store : root.child("cache").orElseThrow().list("stores")) {
                if (ExactCache.NAME.equals(store.string("type").orElse(""))) {
                    shown.add(store);
                }
            }
        }

        assertThat(shown).isNotEmpty().allSatisfy(store -> {
            new ExactCache().open(store, new FakeContext(new FakeClock())).close();
            assertThat(store.unreadKeys()).isEmpty();
        });
    }
}
