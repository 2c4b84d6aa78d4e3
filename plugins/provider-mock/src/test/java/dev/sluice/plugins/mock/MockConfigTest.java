package dev.sluice.plugins.mock;

import static dev.sluice.plugins.mock.MockRequests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.model.ModelInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MockConfigTest {

    @Test
    void emptySettingsGiveNoDelaysAndTheEchoModel() {
        MockConfig config = MockConfig.read(settings("{}"));

        assertThat(config.latency()).isZero();
        assertThat(config.chunkDelay()).isZero();
        assertThat(config.models()).containsExactly("mock-echo");
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Settings settings = settings("{\"latency\": \"250ms\", \"chunk_delay\": \"20ms\", \"models\": [\"a\", \"b\"]}");

        MockConfig config = MockConfig.read(settings);

        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(config).isEqualTo(new MockConfig(Duration.ofMillis(250), Duration.ofMillis(20), java.util.List.of("a", "b")));
    }

    @Test
    void misspelledKeyStaysUnreadForTheKernelToReport() {
        Settings settings = settings("{\"latancy\": \"1s\"}");

        MockConfig.read(settings);

        assertThat(settings.unreadKeys()).containsExactly("latancy");
    }

    @Test
    void modelsAreListedOwnedByTheProvider() {
        assertThat(MockRequests.mock().models()).extracting(ModelInfo::id, ModelInfo::ownedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mock-echo", "mock"));
    }

    @Test
    void adapterIsNamedMock() {
        assertThat(new MockAdapter().name()).isEqualTo("mock");
    }
}
