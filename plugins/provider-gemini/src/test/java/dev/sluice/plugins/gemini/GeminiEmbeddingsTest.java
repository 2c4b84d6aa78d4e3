package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.Embedding;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** OpenAI embeddings requests → {@code embedContent} / {@code batchEmbedContents}, over real HTTP. */
class GeminiEmbeddingsTest {
    private static final float[] FIRST = {-0.0095055f, 0.0051932f, 0.0034217f, -0.0763614f};
    private static final float[] SECOND = {0.0123456f, -0.0450101f, 0.0018822f, 0.0312377f};

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();
    private final Provider provider = Upstreams.provider(upstream);

    private EmbeddingResponse embed(String input, String encoding, Integer dimensions) {
        EmbeddingRequest request = new EmbeddingRequest("gemini-embedding-001", Fixtures.tree(input), encoding,
                dimensions, null, Map.of());
        return provider.embed(request, Upstreams.exchange(request));
    }

    @Test
    void oneStringIsSentToEmbedContent() {
        upstream.enqueue(Replay.json(200, Fixtures.text("embeddings/embed-content.gemini.json")));

        embed("\"What is the meaning of life?\"", null, 768);

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
        assertThat(sent.header("x-goog-api-key")).contains(Upstreams.KEY);
        assertThat(sent.body()).isEqualTo(Fixtures.tree("{\"content\": {\"parts\": [{\"text\": \"What is the meaning of life?\"}]},"
                + " \"outputDimensionality\": 768}"));
    }

    @Test
    void listOfStringsIsSentToBatchEmbedContentsWithTheModelInEveryItem() {
        upstream.enqueue(Replay.json(200, Fixtures.text("embeddings/batch-embed-contents.gemini.json")));

        embed("[\"first\", \"second\"]", null, null);

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.body()).isEqualTo(Fixtures.tree("{\"requests\": ["
                + "{\"model\": \"models/gemini-embedding-001\", \"content\": {\"parts\": [{\"text\": \"first\"}]}},"
                + "{\"model\": \"models/gemini-embedding-001\", \"content\": {\"parts\": [{\"text\": \"second\"}]}}]}"));
    }

    @Test
    void singleVectorComesBackAsAnOpenAiList() {
        upstream.enqueue(Replay.json(200, Fixtures.text("embeddings/embed-content.gemini.json")));

        EmbeddingResponse answer = embed("\"hi\"", null, null);

        assertThat(Fixtures.written(answer)).isEqualTo(Fixtures.tree("{\"object\": \"list\", \"model\": \"gemini-embedding-001\","
                + " \"data\": [{\"object\": \"embedding\", \"index\": 0, \"embedding\": [-0.0095055, 0.0051932, 0.0034217, -0.0763614]}],"
                + " \"usage\": {\"prompt_tokens\": 0, \"completion_tokens\": 0, \"total_tokens\": 0}}"));
    }

    @Test
    void batchVectorsKeepTheirInputOrder() {
        upstream.enqueue(Replay.json(200, Fixtures.text("embeddings/batch-embed-contents.gemini.json")));

        EmbeddingResponse answer = embed("[\"first\", \"second\"]", "float", null);

        assertThat(answer.data()).extracting(Embedding::index).containsExactly(0, 1);
        assertThat(answer.data().get(0).vector()).containsExactly(FIRST);
        assertThat(answer.data().get(1).vector()).containsExactly(SECOND);
    }

    @Test
    void base64EncodingIsHonoured() {
        upstream.enqueue(Replay.json(200, Fixtures.text("embeddings/batch-embed-contents.gemini.json")));

        EmbeddingResponse answer = embed("[\"first\", \"second\"]", "base64", null);

        assertThat(answer.data().get(0).embedding().isTextual()).isTrue();
        assertThat(answer.data().get(0).vector()).containsExactly(FIRST);
        assertThat(answer.data().get(1).vector()).containsExactly(SECOND);
    }

    @Test
    void tokenInputIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> embed("[[1, 2, 3]]", null, null)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("Gemini embeds text");
        assertThatThrownBy(() -> embed("[]", null, null)).isInstanceOf(GatewayException.class);
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void embeddingErrorsAreGeminiErrors() {
        upstream.enqueue(Replay.json(429, Fixtures.text("errors/429-quota-retry-info.json")));

        assertThatThrownBy(() -> embed("\"hi\"", null, null)).isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamRetryAfter())
                        .contains(Duration.ofSeconds(26)));
    }
}
