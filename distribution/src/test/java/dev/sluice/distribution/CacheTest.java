package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact response cache through real HTTP, with the {@code cache-exact} plugin from the
 * distribution: the fake upstream's request count shows which requests reached it.
 */
class CacheTest {
    private static final String MASTER = "sk-master-cache-tests-0123456789abcdef";
    private static final AtomicInteger PROMPTS = new AtomicInteger();

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;
    private static FakeOpenAi openai;
    private static ReplayUpstream replay;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        openai = FakeOpenAi.start().reply("the cached answer").usage(12, 4);
        replay = ReplayUpstream.start();
        gateway = RunningGateway.start("""
                auth: { master_key: "%s" }
                audit:
                  sinks: [ { type: jsonl, path: "%s", fsync: never } ]
                cache:
                  ttl: 1h
                  stores: [ { type: exact, max_bytes: 16MB } ]
                providers:
                  - { name: openai, type: openai, base_url: "%s", api_key: sk-cache-test }
                  - { name: replay, type: openai, base_url: "%s/v1", api_key: sk-cache-test }
                models:
                  - { name: faq, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: short, cache: { ttl: 300ms }, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: shared, cache: { scope: global }, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: live, cache: { enabled: false }, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: cut, targets: [ { provider: replay, model: gpt-4o-mini } ] }
                """.formatted(MASTER, dir.resolve("audit"), openai.baseUrl(), replay.baseUrl()));
        client = new SseClient(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        replay.close();
        openai.close();
    }

    /** A prompt no other test uses, so each test starts with an empty cache for it. */
    private static String fresh() {
        return "question number " + PROMPTS.incrementAndGet();
    }

    private static String ask(String model, String prompt) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    private static HttpResult post(String body, String user) {
        return client.postJson(gateway.url("/v1/chat/completions"), body,
                user == null ? Map.of() : Map.of("x-sluice-user", user));
    }

    private static String content(HttpResult r) {
        return r.json().path("choices").get(0).path("message").path("content").asText();
    }

    @Test
    void aRepeatedRequestIsAHitWithoutAnUpstreamCall() {
        String prompt = fresh();
        int before = openai.requestCount();

        HttpResult first = post(ask("faq", prompt), "ada");
        HttpResult second = post(ask("faq", prompt), "ada");

        assertThat(first.header("x-sluice-cache")).contains("miss");
        assertThat(second.header("x-sluice-cache")).contains("hit");
        assertThat(openai.requestCount() - before).isEqualTo(1);
        assertThat(content(second)).isEqualTo(content(first)).isEqualTo("the cached answer");
        assertThat(second.json().path("usage").path("total_tokens").asInt()).isEqualTo(16);
        assertThat(second.header("x-sluice-cost-usd")).hasValueSatisfying(v -> assertThat(new java.math.BigDecimal(v)).isZero());
    }

    @Test
    void reorderedFieldsAndWhitespaceStillHit() {
        String prompt = fresh();
        int before = openai.requestCount();

        post(ask("faq", prompt), "ada");
        HttpResult reordered = post("""
                {  "messages" : [ { "content" : "%s" , "role" : "user" } ] ,
                   "model" : "faq" }""".formatted(prompt), "ada");

        assertThat(reordered.header("x-sluice-cache")).contains("hit");
        assertThat(openai.requestCount() - before).isEqualTo(1);
    }

    @Test
    void aChangedParameterMisses() {
        String prompt = fresh();
        int before = openai.requestCount();

        post(ask("faq", prompt), "ada");
        HttpResult capped = post("{\"model\":\"faq\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}", "ada");

        assertThat(capped.header("x-sluice-cache")).contains("miss");
        assertThat(openai.requestCount() - before).isEqualTo(2);
    }

    @Test
    void anAnswerExpiresWithItsRoutesTtl() {
        String prompt = fresh();
        assertThat(post(ask("short", prompt), "ada").header("x-sluice-cache")).contains("miss");
        assertThat(post(ask("short", prompt), "ada").header("x-sluice-cache")).contains("hit");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String status = "hit";
        while (status.equals("hit") && System.nanoTime() < deadline) {
            status = post(ask("short", prompt), "ada").header("x-sluice-cache").orElseThrow();
        }

        assertThat(status).as("served after the 300 ms TTL").isEqualTo("miss");
    }

    @Test
    void oneUsersAnswerIsNeverServedToAnother() {
        String prompt = fresh();
        int before = openai.requestCount();

        HttpResult ada = post(ask("faq", prompt), "ada");
        HttpResult bob = post(ask("faq", prompt), "bob");
        HttpResult nobody = post(ask("faq", prompt), null);

        assertThat(ada.header("x-sluice-cache")).contains("miss");
        assertThat(bob.header("x-sluice-cache")).contains("miss");
        assertThat(nobody.header("x-sluice-cache")).as("no identity: not cached").contains("bypass");
        assertThat(openai.requestCount() - before).isEqualTo(3);
        assertThat(post(ask("faq", prompt), "bob").header("x-sluice-cache")).contains("hit");
    }

    @Test
    void aGlobalRouteSharesAnswersAcrossUsers() {
        String prompt = fresh();

        post(ask("shared", prompt), "ada");

        assertThat(post(ask("shared", prompt), "bob").header("x-sluice-cache")).contains("hit");
        assertThat(post(ask("shared", prompt), null).header("x-sluice-cache")).contains("hit");
    }

    @Test
    void aStreamingHitReplaysAStreamTheOpenAiSdkReads() {
        String prompt = fresh();
        post(ask("faq", prompt), "ada");
        int before = openai.requestCount();
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey("sk-anything")
                .putHeader("x-sluice-user", "ada").maxRetries(0).build();
        StringBuilder text = new StringBuilder();
        List<String> finish = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("faq").addUserMessage(prompt).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                c.delta().content().ifPresent(text::append);
                c.finishReason().ifPresent(r -> finish.add(r.asString()));
            }));
        } finally {
            sdk.close();
        }

        assertThat(text.toString()).isEqualTo("the cached answer");
        assertThat(finish).containsExactly("stop");
        assertThat(openai.requestCount()).isEqualTo(before);
    }

    @Test
    void aStreamedAnswerIsKeptAndReplayedAsWellFormedSse() {
        String prompt = fresh();
        String body = "{\"model\":\"faq\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        try (SseStream first = client.postStream(gateway.url("/v1/chat/completions"), body,
                Map.of("x-sluice-user", "ada"))) {
            first.readToEnd(Duration.ofSeconds(10));
        }

        List<SseEvent> events;
        String status;
        try (SseStream second = client.postStream(gateway.url("/v1/chat/completions"), body,
                Map.of("x-sluice-user", "ada"))) {
            status = second.header("x-sluice-cache").orElseThrow();
            events = second.readToEnd(Duration.ofSeconds(10));
        }

        assertThat(status).isEqualTo("hit");
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            var chunk = e.json();
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            chunk.path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
        }
        assertThat(text.toString()).isEqualTo("the cached answer");
        assertThat(events.get(events.size() - 2).json().path("usage").path("total_tokens").asInt()).isEqualTo(16);
    }

    @Test
    void aStreamCutShortUpstreamIsNotKept() {
        replay.always(Replay.sse("""
                data: {"id":"chatcmpl-cut","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

                data: {"id":"chatcmpl-cut","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"half an ans"},"finish_reason":null}]}

                """));
        String body = "{\"model\":\"cut\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + fresh()
                + "\"}]}";
        int before = replay.requestCount();

        for (int i = 0; i < 2; i++) {
            try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), body,
                    Map.of("x-sluice-user", "ada"))) {
                assertThat(stream.header("x-sluice-cache")).contains("miss");
                stream.readToEnd(Duration.ofSeconds(10));
            }
        }

        assertThat(replay.requestCount() - before).isEqualTo(2);
    }

    @Test
    void concurrentIdenticalMissesMakeOneUpstreamCall() throws Exception {
        String prompt = fresh();
        int before = openai.requestCount();
        openai.latency(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Callable<HttpResult>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> post(ask("faq", prompt), "ada"));
            }
            List<HttpResult> results = new ArrayList<>();
            for (Future<HttpResult> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }

            assertThat(results).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(content(r)).isEqualTo("the cached answer");
            });
            assertThat(openai.requestCount() - before).isEqualTo(1);
            assertThat(results.stream().filter(r -> r.header("x-sluice-cache").orElse("").equals("hit")).count())
                    .isEqualTo(99);
        } finally {
            pool.shutdownNow();
            openai.latency(Duration.ZERO);
        }
    }

    @Test
    void theClientCanBypassRefreshOrForbidStoring() {
        String prompt = fresh();
        int before = openai.requestCount();
        Map<String, String> ada = Map.of("x-sluice-user", "ada");

        HttpResult noStore = client.postJson(gateway.url("/v1/chat/completions"), ask("faq", prompt),
                Map.of("x-sluice-user", "ada", "cache-control", "no-store"));
        HttpResult afterNoStore = post(ask("faq", prompt), "ada");
        HttpResult bypass = client.postJson(gateway.url("/v1/chat/completions"), ask("faq", prompt),
                Map.of("x-sluice-user", "ada", "x-sluice-cache", "bypass"));
        HttpResult refresh = client.postJson(gateway.url("/v1/chat/completions"), ask("faq", prompt),
                Map.of("x-sluice-user", "ada", "x-sluice-cache", "refresh"));
        HttpResult hit = client.postJson(gateway.url("/v1/chat/completions"), ask("faq", prompt), ada);

        assertThat(noStore.header("x-sluice-cache")).contains("miss");
        assertThat(afterNoStore.header("x-sluice-cache")).contains("miss");
        assertThat(bypass.header("x-sluice-cache")).contains("bypass");
        assertThat(refresh.header("x-sluice-cache")).contains("refresh");
        assertThat(hit.header("x-sluice-cache")).contains("hit");
        assertThat(openai.requestCount() - before).isEqualTo(4);
    }

    @Test
    void aRouteWithCachingOffAndARequestWithTemperatureAreNotCached() {
        String prompt = fresh();
        int before = openai.requestCount();

        post(ask("live", prompt), "ada");
        HttpResult live = post(ask("live", prompt), "ada");
        String warm = "{\"model\":\"faq\",\"temperature\":0.7,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
        post(warm, "ada");
        HttpResult warmAgain = post(warm, "ada");

        assertThat(live.header("x-sluice-cache")).contains("bypass");
        assertThat(warmAgain.header("x-sluice-cache")).contains("bypass");
        assertThat(openai.requestCount() - before).isEqualTo(4);
    }

    @Test
    void theAdminApiPurgesARoutesEntries() {
        String prompt = fresh();
        post(ask("faq", prompt), "ada");
        assertThat(post(ask("faq", prompt), "ada").header("x-sluice-cache")).contains("hit");

        HttpResult stats = client.get(gateway.url("/admin/cache"), Map.of("authorization", "Bearer " + MASTER));
        HttpResult purged = client.delete(gateway.url("/admin/cache?route=faq"), Map.of("authorization",
                "Bearer " + MASTER));
        HttpResult refused = client.delete(gateway.url("/admin/cache"), Map.of());

        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().path("stores").path("exact").path("entries").asLong()).isPositive();
        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().path("purged").asLong()).isPositive();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(post(ask("faq", prompt), "ada").header("x-sluice-cache")).contains("miss");
    }

    @Test
    void aHitIsAuditedAsAHitThatCostNothingAndSavedTheOriginalCost() {
        String prompt = fresh();
        post(ask("faq", prompt), "ada");
        String id = post(ask("faq", prompt), "ada").header("x-sluice-request-id").orElseThrow();

        com.fasterxml.jackson.databind.JsonNode record = AuditFiles.recordOf(dir.resolve("audit"), id);

        assertThat(record).as("the hit's audit record").isNotNull();
        assertThat(record.path("cache_hit").asBoolean()).isTrue();
        assertThat(record.path("cache_status").asText()).isEqualTo("hit");
        assertThat(record.path("cost_usd").decimalValue()).isZero();
        // gpt-4o-mini: 12 input and 4 output tokens at $0.15 and $0.60 per million.
        assertThat(record.path("cost_saved_usd").decimalValue()).isEqualByComparingTo("0.0000042");
        assertThat(record.path("attempts")).isEmpty();
        assertThat(record.path("prompt_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void anAnthropicClientsStreamingHitIsReplayedAsMessagesEvents() {
        String prompt = fresh();
        String body = "{\"model\":\"faq\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + prompt + "\"}]}";
        Map<String, String> headers = Map.of("anthropic-version", "2023-06-01", "x-sluice-user", "ada");
        try (SseStream first = client.postStream(gateway.url("/v1/messages"), body, headers)) {
            first.readToEnd(Duration.ofSeconds(10));
        }
        int before = openai.requestCount();

        List<SseEvent> events;
        try (SseStream second = client.postStream(gateway.url("/v1/messages"), body, headers)) {
            assertThat(second.header("x-sluice-cache")).contains("hit");
            events = second.readToEnd(Duration.ofSeconds(10));
        }

        assertThat(openai.requestCount()).isEqualTo(before);
        assertThat(events).extracting(SseEvent::event).startsWith("message_start").endsWith("message_stop")
                .contains("content_block_delta", "message_delta");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .forEach(e -> text.append(e.json().path("delta").path("text").asText()));
        assertThat(text.toString()).isEqualTo("the cached answer");
    }
}
