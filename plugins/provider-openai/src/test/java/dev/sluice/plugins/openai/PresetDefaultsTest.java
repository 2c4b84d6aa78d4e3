package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Provider;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each type calls its upstream's documented base URL with its documented authentication. The
 * requests travel over real HTTP to a local replay upstream; the URI the provider asked for is
 * what the test checks.
 */
class PresetDefaultsTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start()
            .always(Replay.resource("presets/chat-completion.json"));

    private Provider provider(Preset preset, RedirectingContext context, String settings) {
        return Adapters.of(preset).create(preset.type(), OpenAiConfigTest.settings(settings), context);
    }

    @ParameterizedTest(name = "{0} calls {1}")
    @CsvSource({
        "OPENAI, https://api.openai.com/v1/chat/completions",
        "MISTRAL, https://api.mistral.ai/v1/chat/completions",
        "GROQ, https://api.groq.com/openai/v1/chat/completions",
        "TOGETHER, https://api.together.xyz/v1/chat/completions",
        "DEEPSEEK, https://api.deepseek.com/chat/completions",
        "FIREWORKS, https://api.fireworks.ai/inference/v1/chat/completions",
        "OPENROUTER, https://openrouter.ai/api/v1/chat/completions",
        "OLLAMA, http://localhost:11434/v1/chat/completions",
        "VLLM, http://localhost:8000/v1/chat/completions",
    })
    void chatGoesToTheDefaultBaseUrlWithTheKeyAsBearer(Preset preset, String expected) {
        RedirectingContext context = new RedirectingContext(upstream.baseUrl());

        provider(preset, context, Adapters.settings(Map.of("api_key", Adapters.KEY)))
                .chat(Adapters.hello(false), Adapters.exchange(Adapters.hello(false)));

        assertThat(context.requested).containsExactly(URI.create(expected));
        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo(URI.create(expected).getPath());
        assertThat(sent.header("authorization")).contains("Bearer " + Adapters.KEY);
        assertThat(sent.header("content-type")).contains("application/json");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"OLLAMA", "VLLM"})
    void localServersAreCalledWithoutAKey(Preset preset) {
        RedirectingContext context = new RedirectingContext(upstream.baseUrl());

        provider(preset, context, "{}").chat(Adapters.hello(false), Adapters.exchange(Adapters.hello(false)));

        assertThat(upstream.lastRequest().header("authorization")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"MISTRAL", "TOGETHER", "FIREWORKS", "OPENROUTER", "OLLAMA", "VLLM"})
    void embeddingsGoToTheDefaultBaseUrl(Preset preset) {
        upstream.always(Replay.resource("transcripts/embeddings.json"));
        RedirectingContext context = new RedirectingContext(upstream.baseUrl());

        provider(preset, context, Adapters.settings(Map.of("api_key", Adapters.KEY)))
                .embed(EmbeddingsTest.request(), Adapters.exchange(Adapters.hello(false)));

        assertThat(context.requested).containsExactly(URI.create(preset.defaultBaseUrl() + "/embeddings"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Preset.class)
    void configuredBaseUrlWinsOverTheDefault(Preset preset) {
        RedirectingContext context = new RedirectingContext(upstream.baseUrl());

        provider(preset, context, Adapters.settings(Map.of("api_key", Adapters.KEY,
                "base_url", "https://proxy.example.com/llm/v1/")))
                .chat(Adapters.hello(false), Adapters.exchange(Adapters.hello(false)));

        assertThat(context.requested).containsExactly(URI.create("https://proxy.example.com/llm/v1/chat/completions"));
    }
}
