package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void aNameIsATargetsLabelExactlyWhenItEqualsTheLabel() {
        List<Target> targets = List.of(new Target("openai", "gpt-4o", 1, Settings.empty("t")),
                new Target("a/b", "c", 1, Settings.empty("t")), new Target("a", "b/c", 1, Settings.empty("t")),
                new Target("", "", 1, Settings.empty("t")));
        List<String> names = List.of("openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4", "openai:gpt-4o",
                "openaigpt-4o", "openai/gpt-4o ", "Openai/gpt-4o", "gpt-4o", "openai/", "/gpt-4o", "a/b/c", "a/b",
                "/", "", "openai/gpt-4oo");
        for (Target target : targets) {
            for (String name : names) {
                assertThat(target.hasLabel(name)).as(target.label() + " vs " + name)
                        .isEqualTo(target.label().equals(name));
            }
        }
        assertThat(targets.get(0).hasLabel("openai/gpt-4o")).isTrue();
        assertThat(targets.get(1).hasLabel("a/b/c")).isTrue();
        assertThat(targets.get(2).hasLabel("a/b/c")).isTrue();
    }
}
