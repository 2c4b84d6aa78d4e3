package dev.sluice.kernel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Caller;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static CacheKey key(String json, String scope) throws Exception {
        ChatRequest request = Json.read(json, ChatRequest.class);
        return CacheKeys.of(request, "faq", scope, Duration.ofMinutes(5));
    }

    @Test
    void fieldOrderAndWhitespaceDoNotChangeTheKey() throws Exception {
        CacheKey a = key("{\"model\":\"faq\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "global");
        CacheKey b = key("""
                {  "messages": [ { "content": "hi", "role": "user" } ],
                   "temperature": 0, "model": "faq" }""", "global");

        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void deliveryFieldsDoNotChangeTheKeyButAnswerFieldsDo() throws Exception {
        String base = "{\"model\":\"faq\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";
        String plain = key(base.formatted(""), "global").hash();

        assertThat(key(base.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"), "global").hash())
                .isEqualTo(plain);
        assertThat(key(base.formatted(",\"user\":\"someone\""), "global").hash()).isEqualTo(plain);
        assertThat(key(base.formatted(",\"max_tokens\":5"), "global").hash()).isNotEqualTo(plain);
        assertThat(key(base.formatted(",\"seed\":7"), "global").hash()).isNotEqualTo(plain);
        assertThat(key(base.formatted(",\"response_format\":{\"type\":\"json_object\"}"), "global").hash())
                .isNotEqualTo(plain);
    }

    @Test
    void theScopeIsPartOfEveryKey() throws Exception {
        String json = "{\"model\":\"faq\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertThat(key(json, "user:a").hash()).isNotEqualTo(key(json, "user:b").hash());
        assertThat(key(json, "user:a").partition()).isNotEqualTo(key(json, "user:b").partition());
    }

    @Test
    void thePartitionKeepsTheSystemPromptAndThePromptKeepsTheConversation() throws Exception {
        CacheKey a = key("""
                {"model":"faq","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]}""",
                "global");
        CacheKey b = key("""
                {"model":"faq","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello"}]}""",
                "global");
        CacheKey c = key("""
                {"model":"faq","messages":[{"role":"system","content":"be long"},{"role":"user","content":"hi"}]}""",
                "global");

        assertThat(a.partition()).isEqualTo(b.partition()).isNotEqualTo(c.partition());
        assertThat(a.prompt()).isEqualTo("user: hi");
    }

    @Test
    void aScopeNeedsAnIdentity() {
        Caller anonymous = Caller.ANONYMOUS;
        Caller user = new Caller(Optional.empty(), Optional.of("t"), Optional.empty(), Optional.of("ada"),
                Optional.empty(), List.of());
        Caller keyed = user.withKeyId("vk_1");

        assertThat(CacheKeys.scope(CacheScope.KEY, anonymous)).isEmpty();
        assertThat(CacheKeys.scope(CacheScope.KEY, user)).contains("user:ada");
        assertThat(CacheKeys.scope(CacheScope.KEY, keyed)).contains("key:vk_1");
        assertThat(CacheKeys.scope(CacheScope.TEAM, anonymous)).isEmpty();
        assertThat(CacheKeys.scope(CacheScope.TEAM, user)).contains("team:t");
        assertThat(CacheKeys.scope(CacheScope.GLOBAL, anonymous)).contains("global");
    }
}
