package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelInfo;
import dev.sluice.spi.model.StreamOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {
    private static final String KEY = "sk-test-7f3a9c1e5b2d4f6a8c0e";
    private static final ChatRequest HELLO = ChatRequest.of("gpt-4o-mini", List.of(Message.of("user", "Hello")));

    private static Provider provider(CannedClient client, String settings) {
        return new OpenAiAdapter().create("openai", OpenAiConfigTest.settings(settings), new FixedContext(client));
    }

    private static Provider provider(CannedClient client) {
        return provider(client, "{\"base_url\": \"http://upstream.test/v1\", \"api_key\": \"" + KEY + "\"}");
    }

    private static Exchange exchange() {
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, HELLO, Caller.ANONYMOUS, name -> Optional.empty(),
                FixedContext.NOW, 0);
    }

    private static JsonNode sentBody(CannedClient client) throws IOException {
        return Json.tree(client.last().body());
    }

    private static ChatRequest streamed(ChatRequest request, StreamOptions options) {
        return new ChatRequest(request.model(), request.messages(), null, null, null, null, Boolean.TRUE, options,
                null, null, null, null, null, null, null, null, null, null, Map.of());
    }

    @Test
    void adapterIsNamedOpenai() {
        assertThat(new OpenAiAdapter().name()).isEqualTo("openai");
    }

    @Test
    void adapterAsksForAClientWithTheConfiguredOptions() {
        FixedContext context = new FixedContext(CannedClient.answering(CannedResponse.json(200, "{}")));

        new OpenAiAdapter().create("openai", OpenAiConfigTest.settings(
                "{\"connect_timeout\": \"3s\", \"read_timeout\": \"1m\", \"max_connections\": 8}"), context);

        assertThat(context.optionsAskedFor)
                .containsExactly(new UpstreamOptions(Duration.ofSeconds(3), Duration.ofMinutes(1), 8));
    }

    @Test
    void chatPostsToChatCompletionsUnderTheBaseUrl() {
        CannedClient client = CannedClient.answering(
                CannedResponse.resource(200, "application/json", "chat-completion.json"));

        provider(client).chat(HELLO, exchange());

        assertThat(client.last().method()).isEqualTo("POST");
        assertThat(client.last().uri()).isEqualTo(URI.create("http://upstream.test/v1/chat/completions"));
    }

    @Test
    void chatParsesTheAnswer() {
        CannedClient client = CannedClient.answering(
                CannedResponse.resource(200, "application/json", "chat-completion.json"));

        ChatResponse answer = provider(client).chat(HELLO, exchange());

        assertThat(answer.choices().get(0).message().text()).isEqualTo("Hello! How can I help you today?");
        assertThat(answer.usage().totalTokens()).isEqualTo(28);
    }

    @Test
    void chatSendsTheRequestWithoutStreamFields() throws IOException {
        CannedClient client = CannedClient.answering(
                CannedResponse.resource(200, "application/json", "chat-completion.json"));

        provider(client).chat(streamed(HELLO, new StreamOptions(true, Map.of())), exchange());

        JsonNode body = sentBody(client);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Hello");
    }

    @Test
    void chatSendsJsonHeadersWithTheBearerKey() {
        CannedClient client = CannedClient.answering(
                CannedResponse.resource(200, "application/json", "chat-completion.json"));

        provider(client).chat(HELLO, exchange());

        assertThat(client.last().headers()).containsEntry("Authorization", "Bearer " + KEY)
                .containsEntry("Content-Type", "application/json").containsEntry("Accept", "application/json")
                .doesNotContainKeys("Content-Length", "Transfer-Encoding");
    }

    @Test
    void organizationAndExtraHeadersAreSent() {
        CannedClient client = CannedClient.answering(
                CannedResponse.resource(200, "application/json", "chat-completion.json"));

        provider(client, "{\"organization\": \"org-1\", \"headers\": {\"X-Team\": \"blue\"}}").chat(HELLO, exchange());

        assertThat(client.last().headers()).containsEntry("OpenAI-Organization", "org-1")
                .containsEntry("X-Team", "blue").doesNotContainKey("Authorization");
    }

    @Test
    void chatErrorAnswerBecomesAnUpstreamExceptionWithoutTheKey() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\"}}";
        CannedResponse response = CannedResponse.json(401, body);
        Provider provider = provider(CannedClient.answering(response));

        assertThatThrownBy(() -> provider.chat(HELLO, exchange())).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' answered HTTP 401: Incorrect API key provided: [REDACTED].");
        assertThat(response.closeCount).isEqualTo(1);
    }

    @Test
    void unreadableChatAnswerKeepsTheStatusAndIsRetryable() {
        Provider provider = provider(CannedClient.answering(CannedResponse.json(200, "{\"id\": ")));

        assertThatThrownBy(() -> provider.chat(HELLO, exchange())).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' sent an unreadable answer")
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamStatus()).isEqualTo(200))
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isTrue());
    }

    @Test
    void connectionFailureBecomesUnreachable() {
        Provider provider = provider(CannedClient.failing(new UncheckedIOException(new ConnectException("refused"))));

        assertThatThrownBy(() -> provider.chat(HELLO, exchange())).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' could not be reached (ConnectException)");
    }

    @Test
    void streamAsksForUsageEvenWhenTheClientDidNot() throws IOException {
        CannedClient client = CannedClient.answering(CannedResponse.events(Transcripts.open("chat-stream.sse")));

        provider(client).stream(streamed(HELLO, null), exchange()).close();

        JsonNode body = sentBody(client);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamLeavesStreamOptionsAloneWhenStreamUsageIsOff() throws IOException {
        CannedClient client = CannedClient.answering(CannedResponse.events(Transcripts.open("chat-stream.sse")));

        provider(client, "{\"stream_usage\": false}").stream(streamed(HELLO, null), exchange()).close();

        assertThat(sentBody(client).has("stream_options")).isFalse();
    }

    @Test
    void streamAcceptsEventStream() {
        CannedClient client = CannedClient.answering(CannedResponse.events(Transcripts.open("chat-stream.sse")));

        provider(client).stream(streamed(HELLO, null), exchange()).close();

        assertThat(client.last().headers()).containsEntry("Accept", "text/event-stream");
    }

    @Test
    void streamReturnsWithoutReadingTheBody() {
        SegmentedBody body = SegmentedBody.thenFail();

        ChunkStream stream = provider(CannedClient.answering(CannedResponse.events(body)))
                .stream(streamed(HELLO, null), exchange());

        assertThat(body.reads).isZero();
        stream.close();
    }

    @Test
    void streamRefusedByTheUpstreamThrowsBeforeReturningAndClosesTheResponse() {
        CannedResponse refused = CannedResponse.resource(429, "application/json", "error-429.json")
                .withHeader("retry-after", "2");
        Provider provider = provider(CannedClient.answering(refused));

        assertThatThrownBy(() -> provider.stream(streamed(HELLO, null), exchange())).isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isTrue())
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamRetryAfter()).contains(Duration.ofSeconds(2)));
        assertThat(refused.closeCount).isEqualTo(1);
    }

    @Test
    void streamAnsweredWithJsonIsAnErrorBeforeReturning() {
        UpstreamResponse json = CannedResponse.json(200, "{\"error\":{\"message\":\"model is loading\"}}");
        Provider provider = provider(CannedClient.answering(json));

        assertThatThrownBy(() -> provider.stream(streamed(HELLO, null), exchange())).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'openai' answered a stream request with an error: model is loading");
    }

    @Test
    void embedPostsToEmbeddingsAndParsesTheVectors() {
        CannedClient client = CannedClient.answering(CannedResponse.resource(200, "application/json", "embeddings.json"));
        EmbeddingRequest request = new EmbeddingRequest("text-embedding-3-small", Json.mapper().valueToTree("hi"),
                null, null, null, Map.of());

        float[] vector = provider(client).embed(request, exchange()).data().get(0).vector();

        assertThat(client.last().uri()).isEqualTo(URI.create("http://upstream.test/v1/embeddings"));
        assertThat(vector).containsExactly(-0.006929283f, -0.005336422f, 0.024047505f);
    }

    @Test
    void modelsListsTheConfiguredModelsOwnedByTheProvider() {
        Provider provider = provider(CannedClient.answering(new CannedResponse(200, Map.of(),
                new ByteArrayInputStream(new byte[0]))), "{\"models\": [\"gpt-4o\", \"gpt-4o-mini\"]}");

        assertThat(provider.models()).extracting(ModelInfo::id, ModelInfo::ownedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-4o", "openai"),
                        org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", "openai"));
    }
}
