package dev.sluice.plugins.guardrail.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SchemaCacheTest {
    private final AtomicInteger compiles = new AtomicInteger();
    private final Function<String, Optional<CompiledSchema>> compile = text -> {
        compiles.incrementAndGet();
        return Optional.empty();
    };

    @Test
    void compilesEachTextOnce() {
        SchemaCache cache = new SchemaCache(10, 1_000);

        cache.get("{\"type\":\"object\"}", compile);
        cache.get("{\"type\":\"object\"}", compile);
        cache.get("{\"type\":\"array\"}", compile);

        assertThat(compiles).hasValue(2);
    }

    @Test
    void sameSchemaWrittenInAnotherOrderHasTheSameText() {
        assertThat(SchemaText.canonical(Checks.tree("{\"type\": \"object\", \"required\": [\"b\", \"a\"]}")))
                .isEqualTo(SchemaText.canonical(Checks.tree("{\"required\":[\"b\",\"a\"],\"type\":\"object\"}")));
        assertThat(SchemaText.canonical(Checks.tree("{\"const\": null}"))).isEqualTo("{\"const\":null}");
    }

    @Test
    void keepsNoMoreThanItsCountLeastRecentlyUsedOutFirst() {
        SchemaCache cache = new SchemaCache(2, 1_000);
        cache.get("a", compile);
        cache.get("b", compile);
        cache.get("a", compile);

        cache.get("c", compile);
        cache.get("a", compile);
        assertThat(compiles).hasValue(3);
        cache.get("b", compile);

        assertThat(compiles).hasValue(4);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void keepsNoMoreThanItsCharacters() {
        SchemaCache cache = new SchemaCache(100, 10);
        cache.get("12345", compile);
        cache.get("67890", compile);
        cache.get("abc", compile);

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void textLongerThanTheWholeBoundIsCompiledButNotKept() {
        SchemaCache cache = new SchemaCache(100, 4);

        cache.get("12345", compile);
        cache.get("12345", compile);

        assertThat(compiles).hasValue(2);
        assertThat(cache.size()).isZero();
    }
}
