package dev.sluice.plugins.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /v1/embeddings} on 127.0.0.1 as OpenAI answers it: a {@code list} of
 * {@code embedding} objects with {@code index}, the model and token usage. Vectors come from
 * {@link WordCountEmbedder}, so rewordings are near each other; with {@code "encoding_format":
 * "base64"} they are sent as base64 of little-endian float32s. Can be told to fail.
 */
final class FakeEmbeddingsServer implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int failWith;
    volatile String errorBody = "";
    volatile boolean forceBase64;
    private final HttpServer server;
    private final WordCountEmbedder words = new WordCountEmbedder();

    FakeEmbeddingsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/embeddings", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = Json.tree(exchange.getRequestBody().readAllBytes());
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        if (failWith != 0) {
            send(exchange, failWith, errorBody.getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<String> inputs = body.path("input").isArray()
                ? java.util.stream.StreamSupport.stream(body.path("input").spliterator(), false).map(JsonNode::asText)
                        .toList()
                : List.of(body.path("input").asText());
        boolean base64 = forceBase64 || "base64".equals(body.path("encoding_format").asText());
        ObjectNode root = Json.mapper().createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = words.embed(inputs.get(i));
            tokens += inputs.get(i).split("\\s+").length;
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    buffer.putFloat(f);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(buffer.array()));
            } else {
                ArrayNode floats = item.putArray("embedding");
                for (float f : vector) {
                    floats.add(f);
                }
            }
        }
        root.put("model", body.path("model").asText());
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        send(exchange, 200, Json.bytes(root));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
