package dev.sluice.plugins.openai;

import dev.sluice.spi.config.Settings;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The provider types this plugin serves: {@code openai} itself and presets for upstreams that
 * speak OpenAI's API with a default base URL, their authentication, and their documented
 * departures from OpenAI's format. Sources for each quirk are in
 * {@code docs/providers/openai-compatible.md}.
 */
enum Preset {
    OPENAI("openai", "https://api.openai.com/v1", Key.OPTIONAL, true, RequestQuirks.NONE, AnswerQuirks.NONE),

    /**
     * Mistral validates requests strictly ({@code 422 extra_forbidden} for any field it does not
     * define, in the body and in each message), calls the seed {@code random_seed}, knows only
     * {@code max_tokens}, insists on nine-character tool call ids, has no {@code stream_options}
     * (its last chunk carries the usage), and finishes with {@code model_length} or {@code error}.
     */
    MISTRAL("mistral", "https://api.mistral.ai/v1", Key.REQUIRED, true,
            RequestQuirks.builder().systemForDeveloper().maxTokensOnly().renameField("seed", "random_seed")
                    .noStreamOptions().noLogprobs().shortToolCallIds().toolResultsAsText()
                    .onlyFields(Set.of("model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop",
                            "random_seed", "metadata", "response_format", "tools", "tool_choice", "presence_penalty",
                            "frequency_penalty", "n", "prediction", "parallel_tool_calls", "prompt_mode",
                            "safe_prompt"))
                    .messageFields("system", Set.of("role", "content"))
                    .messageFields("user", Set.of("role", "content"))
                    .messageFields("assistant", Set.of("role", "content", "tool_calls", "prefix"))
                    .messageFields("tool", Set.of("role", "content", "tool_call_id", "name"))
                    .renameEmbeddingField("dimensions", "output_dimension").dropEmbeddingFields(Set.of("user"))
                    .build(),
            new AnswerQuirks(Map.of("model_length", "length"), Set.of("error"), true, false)),

    /**
     * Groq answers 400 to {@code logprobs}, {@code logit_bias}, {@code top_logprobs},
     * {@code messages[].name} and {@code n} other than 1; a stream stopped early says why in
     * {@code x_groq.error}. It serves no embeddings.
     */
    GROQ("groq", "https://api.groq.com/openai/v1", Key.REQUIRED, false,
            RequestQuirks.builder().systemForDeveloper().dropMessageFields(Set.of("name")).singleChoice()
                    .noLogprobs().build(),
            new AnswerQuirks(Map.of(), Set.of(), true, true)),

    /** Together finishes with {@code eos} and puts the usage on its last content chunk. */
    TOGETHER("together", "https://api.together.xyz/v1", Key.REQUIRED, true,
            RequestQuirks.builder().systemForDeveloper().maxTokensOnly().build(),
            new AnswerQuirks(Map.of("eos", "stop"), Set.of(), true, false)),

    /**
     * DeepSeek documents {@code max_tokens} only, streams {@code reasoning_content} deltas (kept as
     * they are) and may finish with {@code insufficient_system_resource}. It serves no embeddings.
     */
    DEEPSEEK("deepseek", "https://api.deepseek.com", Key.REQUIRED, false,
            RequestQuirks.builder().systemForDeveloper().maxTokensOnly().build(),
            new AnswerQuirks(Map.of(), Set.of("insufficient_system_resource"), true, false)),

    /** Fireworks puts the usage on the last chunk, the one with the finish reason. */
    FIREWORKS("fireworks", "https://api.fireworks.ai/inference/v1", Key.REQUIRED, true,
            RequestQuirks.builder().systemForDeveloper().maxTokensOnly().build(),
            new AnswerQuirks(Map.of(), Set.of(), true, false)),

    /**
     * OpenRouter reports failures after the status line as an {@code error} with finish reason
     * {@code error}, and takes optional app attribution headers.
     */
    OPENROUTER("openrouter", "https://openrouter.ai/api/v1", Key.REQUIRED, true, RequestQuirks.NONE,
            new AnswerQuirks(Map.of(), Set.of("error"), true, false), Attribution::read),

    /** Ollama ignores {@code max_completion_tokens} and {@code n}; it needs no key. */
    OLLAMA("ollama", "http://localhost:11434/v1", Key.OPTIONAL, true,
            RequestQuirks.builder().systemForDeveloper().maxTokensOnly().singleChoice().build(),
            AnswerQuirks.NONE),

    /** vLLM's server speaks OpenAI's format as it is; it needs a key only when started with one. */
    VLLM("vllm", "http://localhost:8000/v1", Key.OPTIONAL, true, RequestQuirks.NONE, AnswerQuirks.NONE);

    /** Whether a provider of the type is unusable without a key. */
    enum Key { REQUIRED, OPTIONAL }

    private final String type;
    private final String defaultBaseUrl;
    private final Key key;
    private final boolean embeddings;
    private final RequestQuirks requests;
    private final AnswerQuirks answers;
    private final Function<Settings, Map<String, String>> headerSettings;

    Preset(String type, String defaultBaseUrl, Key key, boolean embeddings, RequestQuirks requests,
            AnswerQuirks answers) {
        this(type, defaultBaseUrl, key, embeddings, requests, answers, settings -> Map.of());
    }

    Preset(String type, String defaultBaseUrl, Key key, boolean embeddings, RequestQuirks requests,
            AnswerQuirks answers, Function<Settings, Map<String, String>> headerSettings) {
        this.type = type;
        this.defaultBaseUrl = defaultBaseUrl;
        this.key = key;
        this.embeddings = embeddings;
        this.requests = requests;
        this.answers = answers;
        this.headerSettings = headerSettings;
    }

    /** The {@code type:} of the provider entry. */
    String type() {
        return type;
    }

    /** The base URL when none is configured. */
    String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Whether an entry without {@code api_key} (or an {@code Authorization} header) is an error. */
    boolean requiresKey() {
        return key == Key.REQUIRED;
    }

    /** Whether the upstream serves {@code /embeddings}. */
    boolean servesEmbeddings() {
        return embeddings;
    }

    /** Whether the type takes the {@code organization} setting (OpenAI's own header). */
    boolean takesOrganization() {
        return this == OPENAI;
    }

    RequestQuirks requests() {
        return requests;
    }

    AnswerQuirks answers() {
        return answers;
    }

    /** Reads the type's own header settings (OpenRouter's attribution); none for most types. */
    Map<String, String> headers(Settings settings) {
        return headerSettings.apply(settings);
    }
}
