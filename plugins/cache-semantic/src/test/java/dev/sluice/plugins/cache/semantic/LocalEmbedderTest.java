package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;
import static dev.sluice.plugins.cache.semantic.Requests.key;
import static dev.sluice.plugins.cache.semantic.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheHit;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bundled model, run in this JVM from the class path (the plugin JAR's own test, through
 * PF4J, is {@code PluginJarIT}).
 */
class LocalEmbedderTest {

    @Test
    void embedsInto384DimensionsOfUnitLength() {
        float[] v = UnitVectors.normalized(Models.local().embed("user: What is the capital of France?"));

        assertThat(v).hasSize(LocalEmbedder.DIMENSIONS);
        assertThat((double) UnitVectors.dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void theSameTextGivesTheSameVector() {
        assertThat(Models.local().embed("user: hello")).containsExactly(Models.local().embed("user: hello"));
    }

    @Test
    void aParaphraseIsServedWithItsSimilarityAtTheDefaultThreshold() {
        SemanticStore store = new SemanticStore(SemanticSettings.DEFAULTS, Models.local(),
                new FakeClock(Instant.EPOCH));
        store.store(key("What is the capital of France?"), answer("Paris"));

        Optional<CacheHit> hit = store.lookup(key("Which city is the capital of France?"));

        assertThat(hit).hasValueSatisfying(h -> {
            assertThat(text(h.answer())).isEqualTo("Paris");
            assertThat(h.similarity().getAsDouble()).isBetween(SemanticSettings.DEFAULT_THRESHOLD, 0.999);
        });
        assertThat(store.lookup(key("What is the capital of Germany?"))).isEmpty();
    }

    @Test
    void aPromptOfSeveralThousandCharactersIsEmbeddedInParts() {
        String longPrompt = "user: " + "Explain how the tides work and why there are two of them a day. ".repeat(60);

        assertThat(Models.local().embed(longPrompt)).hasSize(LocalEmbedder.DIMENSIONS);
    }
}
