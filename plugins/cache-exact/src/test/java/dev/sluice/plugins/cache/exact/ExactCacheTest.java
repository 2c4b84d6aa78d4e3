package dev.sluice.plugins.cache.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExactCacheTest {

    private static Settings settings(String... keysAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(node);
    }

    @Test
    void isNamedExact() {
        assertThat(new ExactCache().name()).isEqualTo("exact");
    }

    @Test
    void defaultsTo256MegabytesAndNoEntryBound() {
        ExactCacheSettings parsed = ExactCacheSettings.from(settings());

        assertThat(parsed.maxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(parsed.maxEntries()).isEmpty();
    }

    @Test
    void readsEverySettingItAccepts() {
        Settings settings = settings("max_bytes", "64MB", "max_entries", "10000");

        new ExactCache().open(settings, new FakeContext(new FakeClock())).close();

        assertThat(settings.unreadKeys()).isEmpty();
    }

    @Test
    void leavesUnknownKeysForTheGatewayToReport() {
        Settings settings = settings("max_byte", "64MB");

        new ExactCache().open(settings, new FakeContext(new FakeClock())).close();

        assertThat(settings.unreadKeys()).containsExactly("max_byte");
    }

    @Test
    void readsSizesWithUnits() {
        ExactCacheSettings parsed = ExactCacheSettings.from(settings("max_bytes", "1GB", "max_entries", "500"));

        assertThat(parsed.maxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(parsed.maxEntries()).isEqualTo(OptionalInt.of(500));
    }

    @Test
    void rejectsAMaxBytesThatCannotHoldAnEntry() {
        assertThatThrownBy(() -> ExactCacheSettings.from(settings("max_bytes", "2KB")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_bytes").hasMessageContaining("2560");
    }

    @Test
    void rejectsAMaxBytesThatIsNotASize() {
        assertThatThrownBy(() -> ExactCacheSettings.from(settings("max_bytes", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_bytes");
    }

    @Test
    void rejectsMaxEntriesBelowOne() {
        assertThatThrownBy(() -> ExactCacheSettings.from(settings("max_entries", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_entries");
    }

    @Test
    void rejectsMaxEntriesThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> ExactCacheSettings.from(settings("max_entries", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_entries");
    }

    @Test
    void rejectsAnEntryShareTooLargeToWeigh() {
        assertThatThrownBy(() -> ExactCacheSettings.from(settings("max_bytes", "64GB", "max_entries", "2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_entries");
    }
}
