package dev.sluice.plugins.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.spi.Caller;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelInfo;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The provider against Azure's documented answers, replayed over real HTTP from 127.0.0.1. */
class AzureProviderTest {
    private static final String KEY = AzureConfigTest.KEY;
    private static final ChatRequest HELLO = ChatRequest.of("gpt-4o", List.of(Message.of("user", "What is color?")));
    private static final ChatRequest STREAMED = HELLO.withStream(Boolean.TRUE);

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private Provider provider(String more) {
        return new AzureOpenAiAdapter().create("azure", AzureConfigTest.settings("{\"endpoint\": \""
                + upstream.baseUrl() + "\", \"api_key\": \"" + KEY + "\", \"deployments\": {\"gpt-4o\": "
                + "\"gpt4o-prod\"}" + more + "}"), TestGatewayContext.create());
    }

    private Provider provider() {
        return provider("");
    }

    private static Exchange exchange(ChatRequest request) {
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                name -> Optional.empty(), Instant.parse("2025-08-01T12:00:00Z"), 0);
    }

    private static List<ChatChunk> readAll(ChunkStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        try (stream) {
            for (Optional<ChatChunk> c = stream.next(); c.isPresent(); c = stream.next()) {
                chunks.add(c.get());
            }
        }
        return chunks;
    }

    private static String text(List<ChatChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> !c.choices().isEmpty()).forEach(c -> text.append(c.choices().get(0).delta().text()));
        return text.toString();
    }

    private List<ChatChunk> streamed(String fixture) {
        upstream.enqueue(Replay.resource("azure/" + fixture));
        return readAll(provider().stream(STREAMED, exchange(STREAMED)));
    }

    private UpstreamException chatFailure(Replay answer) {
        upstream.enqueue(answer);
        Provider provider = provider();
        return catchThrowableOfType(UpstreamException.class, () -> provider.chat(HELLO, exchange(HELLO)));
    }

    @Test
    void chatGoesToTheDeploymentWithTheApiVersionAndKey() {
        upstream.enqueue(Replay.resource("azure/chat-completion-annotated.json"));

        provider().chat(HELLO, exchange(HELLO));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
        assertThat(sent.queryParam("api-version")).contains("2024-10-21");
        assertThat(sent.header("api-key")).contains(KEY);
        assertThat(sent.header("authorization")).isEmpty();
        assertThat(sent.body().get("model").asText()).isEqualTo("gpt4o-prod");
        assertThat(sent.body().has("stream")).isFalse();
    }

    @Test
    void v1ApiSendsTheDeploymentAsModelWithoutApiVersion() {
        upstream.enqueue(Replay.resource("azure/chat-completion-annotated.json"));

        provider(", \"api_version\": \"v1\"").chat(HELLO, exchange(HELLO));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(sent.query()).isEmpty();
        assertThat(sent.body().get("model").asText()).isEqualTo("gpt4o-prod");
    }

    @Test
    void adTokenIsSentAsBearer() {
        upstream.enqueue(Replay.resource("azure/chat-completion-annotated.json"));
        Provider provider = new AzureOpenAiAdapter().create("azure", AzureConfigTest.settings("{\"endpoint\": \""
                + upstream.baseUrl() + "\", \"azure_ad_token\": \"eyJ0eXAiOiJKV1Qi.e30.sig\"}"),
                TestGatewayContext.create());

        provider.chat(HELLO, exchange(HELLO));

        assertThat(upstream.lastRequest().header("authorization")).contains("Bearer eyJ0eXAiOiJKV1Qi.e30.sig");
        assertThat(upstream.lastRequest().header("api-key")).isEmpty();
        assertThat(upstream.lastRequest().path()).isEqualTo("/openai/deployments/gpt-4o/chat/completions");
    }

    @Test
    void answerIsRelayedAsAzureSentItWithItsFilterResults() {
        upstream.enqueue(Replay.resource("azure/chat-completion-annotated.json"));
        Exchange exchange = exchange(HELLO);

        ChatResponse answer = provider().chat(HELLO, exchange);

        assertThat(answer.id()).isEqualTo("chatcmpl-8IMI4HzcmcK6I77vpOJCPt0Vcf8zJ");
        assertThat(answer.choices().get(0).message().text()).isEqualTo("Example model response will be returned ");
        assertThat(answer.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(answer.choices().get(0).extra().get("content_filter_results").get("protected_material_code")
                .get("detected").asBoolean()).isTrue();
        assertThat(answer.extra()).containsKey("prompt_filter_results");
        assertThat(answer.usage().promptTokens()).isEqualTo(11);
        assertThat(exchange.answerJson(answer)).isPresent();
    }

    @Test
    void answerWithoutModelOrObjectGetsThemFilledIn() {
        upstream.enqueue(Replay.resource("azure/chat-completion.json"));
        Exchange exchange = exchange(HELLO);

        ChatResponse answer = provider().chat(HELLO, exchange);

        assertThat(answer.object()).isEqualTo("chat.completion");
        assertThat(answer.model()).isEqualTo("gpt-4o");
        assertThat(answer.id()).isEqualTo("chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn");
        assertThat(answer.usage().totalTokens()).isEqualTo(590);
        assertThat(exchange.answerJson(answer)).as("a changed answer is written out anew").isEmpty();
    }

    @Test
    void filteredCompletionFinishesWithContentFilter() {
        upstream.enqueue(Replay.resource("azure/chat-completion-filtered.json"));

        ChatResponse answer = provider().chat(HELLO, exchange(HELLO));

        assertThat(answer.choices().get(0).finishReason()).isEqualTo("content_filter");
        assertThat(answer.choices().get(0).message().content()).isNull();
    }

    @Test
    void streamStartsWithTheRoleChunkCarryingThePromptFilterResults() {
        List<ChatChunk> chunks = streamed("stream.sse");

        ChatChunk first = chunks.get(0);
        assertThat(first.id()).isEqualTo("chatcmpl-AMrPH1JwGkiYDKnFvGNlyxT9RITzr");
        assertThat(first.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(first.choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(first.choices().get(0).delta().text()).isEmpty();
        assertThat(first.extra().get("prompt_filter_results").get(0).get("content_filter_results").get("hate")
                .get("severity").asText()).isEqualTo("safe");
    }

    @Test
    void streamDeliversTextThenFinishThenTheUsageOnlyChunk() {
        List<ChatChunk> chunks = streamed("stream.sse");

        assertThat(chunks).hasSize(5);
        assertThat(text(chunks)).isEqualTo("Color is light, seen.");
        assertThat(chunks.get(3).choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(chunks.get(4).isUsageOnly()).isTrue();
        assertThat(chunks.get(4).usage().totalTokens()).isEqualTo(18);
        assertThat(chunks.get(4).usage().promptTokensDetails().get("cached_tokens").asInt()).isZero();
        assertThat(chunks).extracting(ChatChunk::id).containsOnly("chatcmpl-AMrPH1JwGkiYDKnFvGNlyxT9RITzr");
        assertThat(chunks).extracting(ChatChunk::object).containsOnly("chat.completion.chunk");
    }

    @Test
    void streamAsksAzureForTheUsage() {
        streamed("stream.sse");

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.header("accept")).contains("text/event-stream");
        assertThat(sent.body().get("stream").asBoolean()).isTrue();
        assertThat(sent.body().get("stream_options").get("include_usage").asBoolean()).isTrue();
    }

    @Test
    void unchangedChunksKeepAzuresOwnBytes() {
        upstream.enqueue(Replay.resource("azure/stream.sse"));
        ChunkStream stream = provider().stream(STREAMED, exchange(STREAMED));

        ChatChunk first = stream.next().orElseThrow();
        ChatChunk second = stream.next().orElseThrow();

        assertThat(stream.jsonOf(first)).as("the first chunk took the held filter results").isEmpty();
        assertThat(stream.jsonOf(second)).hasValueSatisfying(json -> assertThat(new String(json,
                StandardCharsets.UTF_8)).contains("\"content\":\"Color is\"").contains("content_filter_results"));
        stream.close();
    }

    @Test
    void streamBlockedByTheAsynchronousFilterEndsWithContentFilter() {
        List<ChatChunk> chunks = streamed("stream-async-filter-blocked.sse");

        assertThat(text(chunks)).isEqualTo("Hey Jude, better");
        ChatChunk annotation = chunks.get(chunks.size() - 2);
        assertThat(annotation.choices().get(0).extra()).containsKey("content_filter_offsets");
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices().get(0).finishReason()).isEqualTo("content_filter");
        assertThat(last.choices().get(0).delta()).isNotNull();
        assertThat(chunks).extracting(ChatChunk::id).containsOnly("chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2");
        assertThat(chunks).extracting(ChatChunk::model).containsOnly("gpt-35-turbo");
    }

    @Test
    void toolCallStreamsAsOpenAiDoes() {
        List<ChatChunk> chunks = streamed("stream-tool-call.sse");

        ToolCall head = chunks.get(0).choices().get(0).delta().toolCalls().get(0);
        assertThat(head.id()).isEqualTo("call_Wq3nVb7KzR1xYp0LmT5cHd2A");
        assertThat(head.function().name()).isEqualTo("get_weather");
        assertThat(head.function().arguments()).isEmpty();
        StringBuilder arguments = new StringBuilder();
        chunks.stream().filter(c -> !c.choices().isEmpty() && c.choices().get(0).delta().toolCalls() != null)
                .forEach(c -> arguments.append(c.choices().get(0).delta().toolCalls().get(0).function().arguments()));
        assertThat(arguments).hasToString("{\"location\":\"Paris, France\"}");
        assertThat(chunks.get(3).choices().get(0).finishReason()).isEqualTo("tool_calls");
        assertThat(chunks.get(4).usage().totalTokens()).isEqualTo(101);
    }

    @Test
    void streamReturnsBeforeTheFirstEventIsRead() {
        upstream.enqueue(Replay.resource("azure/stream.sse").withGap(Duration.ofMillis(300)));
        long start = System.nanoTime();

        ChunkStream stream = provider().stream(STREAMED, exchange(STREAMED));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
        stream.close();
    }

    @Test
    void streamThatLosesItsDoneAfterTheFinishEndsNormally() {
        String body = Replay.text("azure/stream.sse").replace("data: [DONE]\n\n", "");
        upstream.enqueue(Replay.sse(body));

        assertThat(readAll(provider().stream(STREAMED, exchange(STREAMED)))).hasSize(5);
    }

    @Test
    void streamCutBeforeAnyFinishIsAFailure() {
        String body = Replay.text("azure/stream.sse");
        upstream.enqueue(Replay.sse(body.substring(0, body.indexOf("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},"))));
        ChunkStream stream = provider().stream(STREAMED, exchange(STREAMED));

        assertThatThrownBy(() -> readAll(stream)).isInstanceOf(UpstreamException.class)
                .hasMessageStartingWith("provider 'azure' broke off its stream");
    }

    @Test
    void errorEventMidStreamFailsTheStream() {
        String body = Replay.text("azure/stream.sse");
        String cut = body.substring(0, body.indexOf("data: {\"choices\":[{\"content_filter_results\":{\"hate\""));
        upstream.enqueue(Replay.sse(cut + "data: {\"error\":{\"code\":\"server_error\",\"message\":"
                + "\"The server had an error while processing your request.\"}}\n\n"));
        ChunkStream stream = provider().stream(STREAMED, exchange(STREAMED));
        stream.next();

        assertThatThrownBy(stream::next).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'azure' failed mid-stream: The server had an error while processing your request.");
    }

    @Test
    void rateLimitIsRetryableAfterTheMillisecondsAzureAsks() {
        UpstreamException e = chatFailure(Replay.json(429, Replay.text("azure/error-429.json"))
                .withHeader("retry-after", "2").withHeader("retry-after-ms", "1500"));

        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofMillis(1500));
        assertThat(e).hasMessageStartingWith("provider 'azure' answered HTTP 429: Requests to the "
                + "ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded");
    }

    @Test
    void rateLimitedStreamFailsBeforeReturning() {
        upstream.enqueue(Replay.json(429, Replay.text("azure/error-429.json")).withHeader("retry-after", "2"));
        Provider provider = provider();

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> provider.stream(STREAMED, exchange(STREAMED)));

        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void filteredPromptIsANonRetryable400QuotingAzure() {
        UpstreamException e = chatFailure(Replay.json(400, Replay.text("azure/error-400-content-filter.json")));

        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageStartingWith("provider 'azure' answered HTTP 400: The response was filtered due to "
                + "the prompt triggering Azure OpenAI's content management policy.");
    }

    @Test
    void wrongKeyIsANonRetryable401() {
        UpstreamException e = chatFailure(Replay.json(401, Replay.text("azure/error-401.json")));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("Access denied due to invalid subscription key");
    }

    @Test
    void missingDeploymentIsA404() {
        UpstreamException e = chatFailure(Replay.json(404, Replay.text("azure/error-404-deployment.json")));

        assertThat(e.upstreamStatus()).isEqualTo(404);
        assertThat(e).hasMessageContaining("The API deployment for this resource does not exist.");
    }

    @Test
    void keyEchoedByAzureIsRedacted() {
        UpstreamException e = chatFailure(Replay.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"key "
                + KEY + " is invalid\"}}"));

        assertThat(e.getMessage()).doesNotContain(KEY).contains("key [REDACTED] is invalid");
    }

    @Test
    void serverErrorIsRetryable() {
        assertThat(chatFailure(Replay.json(500, "{\"error\":{\"code\":\"InternalServerError\","
                + "\"message\":\"Backend returned unexpected response.\"}}")).retryable()).isTrue();
    }

    @Test
    void embeddingsGoToTheDeployment() {
        upstream.enqueue(Replay.resource("azure/embeddings.json"));
        EmbeddingRequest request = new EmbeddingRequest("text-embedding-3-small",
                Json.mapper().valueToTree(List.of("this is a test")), null, null, null, Map.of());

        float[] vector = provider().embed(request, exchange(HELLO)).data().get(0).vector();

        assertThat(upstream.lastRequest().path()).isEqualTo("/openai/deployments/text-embedding-3-small/embeddings");
        assertThat(upstream.lastRequest().queryParam("api-version")).contains("2024-10-21");
        assertThat(upstream.lastRequest().body().get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(vector).containsExactly(-0.012838088f, -0.007421397f, -0.017617522f);
    }

    @Test
    void modelsListTheMappedModels() {
        assertThat(provider().models()).extracting(ModelInfo::id, ModelInfo::ownedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-4o", "azure"));
    }

    @Test
    void modelThatCannotBeADeploymentIsRefusedBeforeAnyCall() {
        ChatRequest request = HELLO.withModel("../../admin");

        assertThatThrownBy(() -> provider().chat(request, exchange(request)))
                .hasMessageContaining("is not an Azure deployment name");
        assertThat(upstream.requestCount()).isZero();
    }
}
