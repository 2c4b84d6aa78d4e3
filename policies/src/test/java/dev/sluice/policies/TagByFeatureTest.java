package dev.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.js.PolicyProbe;
import dev.sluice.kernel.js.PolicyTester;
import org.junit.jupiter.api.Test;

class TagByFeatureTest {
    private static final PolicyTester POLICY = Examples.policy("tag-by-feature.js");

    @Test
    void theFeatureTheClientNamesWins() {
        PolicyProbe probe = PolicyProbe.of("""
                {"model":"chat","metadata":{"feature":"search"},"stream":true,
                 "messages":[{"role":"system","content":"Summarize the page."},{"role":"user","content":"..."}]}""");
        assertThat(POLICY.onRequest(probe).tags()).containsExactly("feature:search", "stream");
    }

    @Test
    void otherwiseTheSystemPromptTellsTheFeature() {
        assertThat(POLICY.onRequest(Examples.chat("chat", "Summarize the text in three bullets.", "...")).tags())
                .containsExactly("feature:summarize");
        assertThat(POLICY.onRequest(Examples.chat("chat", "You translate English to German.", "Hi")).tags())
                .containsExactly("feature:translate");
        assertThat(POLICY.onRequest(Examples.chat("chat", "You are friendly.", "Hi")).tags())
                .containsExactly("feature:chat");
    }

    @Test
    void requestsWithToolsAreMarked() {
        PolicyProbe probe = PolicyProbe.of("""
                {"model":"chat","tools":[{"type":"function","function":{"name":"lookup"}}],
                 "messages":[{"role":"user","content":"weather?"}]}""");
        assertThat(POLICY.onRequest(probe).tags()).containsExactly("feature:chat", "uses:tools");
    }

    @Test
    void answersAreTaggedBySize() {
        String answer = """
                {"id":"chatcmpl-1","object":"chat.completion","created":0,"model":"gpt-4o","choices":[],
                 "usage":{"prompt_tokens":%d,"completion_tokens":10,"total_tokens":%d}}""";
        assertThat(POLICY.onResponse(Examples.chat("hi"), answer.formatted(90, 100)).tags())
                .containsExactly("tokens:small");
        assertThat(POLICY.onResponse(Examples.chat("hi"), answer.formatted(4990, 5000)).tags())
                .containsExactly("tokens:large");
    }

    @Test
    void anAnswerWithoutUsageIsNotTagged() {
        assertThat(POLICY.onResponse(Examples.chat("hi"), "{\"id\":\"x\",\"choices\":[]}").tags()).isEmpty();
    }
}
