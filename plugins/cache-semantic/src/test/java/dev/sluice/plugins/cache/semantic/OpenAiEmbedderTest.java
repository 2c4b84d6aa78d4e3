package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;
import static dev.sluice.plugins.cache.semantic.Requests.key;
import static dev.sluice.plugins.cache.semantic.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.client.TestGatewayContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiEmbedderTest {
    private static final String KEY = "sk-test-0123456789abcdef";

    private final FakeEmbeddingsServer server;
    private final TestGatewayContext context = new TestGatewayContext(Clock.systemUTC(), Map.of());

    OpenAiEmbedderTest() throws IOException {
        server = new FakeEmbeddingsServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Embedder embedder(String extra) throws IOException {
        return Embedders.open(settings("{\"embedder\": {\"type\": \"openai\", \"base_url\": \"" + server.baseUrl()
                + "\", \"api_key\": \"" + KEY + "\", \"model\": \"text-embedding-3-small\"" + extra + "}}"), context);
    }

    private static Settings settings(String json) throws IOException {
        return Settings.of(Json.mapper().readTree(json));
    }

    @Test
    void postsModelInputAndKeyAsOpenAiExpects() throws IOException {
        float[] vector = embedder("").embed("user: hello there");

        assertThat(vector).hasSize(WordCountEmbedder.DIMENSIONS);
        FakeEmbeddingsServer.Received request = server.received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/embeddings");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body().path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(request.body().path("input").asText()).isEqualTo("user: hello there");
        assertThat(request.body().path("encoding_format").asText()).isEqualTo("float");
        assertThat(request.body().has("dimensions")).isFalse();
    }

    @Test
    void sendsDimensionsWhenSet() throws IOException {
        embedder(", \"dimensions\": 64").embed("hello");

        assertThat(server.received.get(0).body().path("dimensions").asInt()).isEqualTo(64);
    }

    @Test
    void readsBase64EmbeddingsToo() throws IOException {
        Embedder embedder = embedder("");
        float[] floats = embedder.embed("the same text");
        server.forceBase64 = true;

        assertThat(embedder.embed("the same text")).containsExactly(floats);
    }

    @Test
    void anErrorAnswerBecomesAnEmbeddingExceptionThatNamesNoKey() throws IOException {
        server.failWith = 401;
        server.errorBody = "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
                + ".\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}";

        assertThatThrownBy(() -> embedder("").embed("hello"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Incorrect API key provided")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void anUnreachableEndpointBecomesAnEmbeddingException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Embedder embedder = Embedders.open(settings("{\"embedder\": {\"type\": \"openai\", \"base_url\": "
                + "\"http://127.0.0.1:" + closedPort + "/v1\", \"timeout\": \"2s\"}}"), context);

        assertThatThrownBy(() -> embedder.embed("hello")).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void aStoreOnTheEndpointServesARewordedPrompt() throws IOException {
        CacheStore store = new SemanticCache().open(settings("{\"threshold\": 0.7, \"embedder\": {\"type\": "
                + "\"openai\", \"base_url\": \"" + server.baseUrl() + "\", \"api_key\": \"" + KEY + "\"}}"), context);
        store.store(key("What is the capital of France?"), answer("Paris"));

        assertThat(store.lookup(key("Which city is the capital of France?")))
                .hasValueSatisfying(hit -> assertThat(text(hit.answer())).isEqualTo("Paris"));
        // one embedding to store, one to look up
        assertThat(server.received).hasSize(2);
        store.close();
    }

    @Test
    void theKeyNeverReachesTheLog() throws IOException {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.sluice.plugins.cache.semantic");
        logger.addHandler(capture);
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        try {
            server.failWith = 401;
            server.errorBody = "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}";
            CacheStore store = new SemanticCache().open(settings("{\"embedder\": {\"type\": \"openai\", "
                    + "\"base_url\": \"" + server.baseUrl() + "\", \"api_key\": \"" + KEY + "\"}}"), context);
            store.lookup(key("hello"));
            store.lookup(key("hello again"));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        assertThat(records).isNotEmpty();
        assertThat(records).allSatisfy(r -> {
            assertThat(String.valueOf(r.getMessage())).doesNotContain(KEY);
            if (r.getThrown() != null) {
                assertThat(String.valueOf(r.getThrown().getMessage())).doesNotContain(KEY);
            }
        });
    }
}
