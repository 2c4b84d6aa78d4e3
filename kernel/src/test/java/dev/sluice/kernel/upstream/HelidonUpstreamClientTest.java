package dev.sluice.kernel.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole upstream bodies over real sockets: sized and chunked, and the connection kept for the next call. */
class HelidonUpstreamClientTest {
    private static final byte[] ANSWER = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"" + "word ".repeat(400) + "\"},"
            + "\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final UpstreamClient client = new KernelContext(Clock.systemUTC(), name -> Optional.empty())
            .http(UpstreamOptions.DEFAULTS);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sized", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                // In pieces, so the client reads the body in more than one go.
                out.write(ANSWER, 0, 700);
                out.flush();
                out.write(ANSWER, 700, ANSWER.length - 700);
            }
        });
        server.createContext("/events", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("data: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private UpstreamResponse post(String path) {
        return client.send(UpstreamRequest.post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                Map.of("Content-Type", "application/json"), "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSizedBodyIsReadWholeAndTheConnectionServesTheNextCall() {
        for (int i = 0; i < 20; i++) {
            try (UpstreamResponse response = post("/sized")) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bytes()).isEqualTo(ANSWER);
            }
        }
        assertThat(clientPorts).as("one pooled connection for sequential calls").hasSize(1);
    }

    @Test
    void aStreamClosedAtItsLastEventKeepsItsConnectionForTheNextCall() throws Exception {
        for (int i = 0; i < 20; i++) {
            UpstreamResponse response = post("/events");
            dev.sluice.spi.http.SseReader reader = new dev.sluice.spi.http.SseReader(response.body());
            String data;
            do {
                data = reader.next().orElseThrow().data();
            } while (!data.equals("[DONE]"));
            long start = System.nanoTime();
            response.closeWhenDrained();
            // The next call finds the connection back in the pool once the drain has read the body's end.
            try (UpstreamResponse next = post("/sized")) {
                assertThat(next.bytes()).isEqualTo(ANSWER);
            }
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(1));
        }
        assertThat(clientPorts).as("streams and calls share pooled connections").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aChunkedBodyIsReadWhole() {
        try (UpstreamResponse response = post("/chunked")) {
            assertThat(response.bytes()).isEqualTo(ANSWER);
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnError() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = raw.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (UpstreamResponse response = client.send(UpstreamRequest.post(
                    URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/cut"), Map.of(), new byte[0]))) {
                assertThatThrownBy(response::bytes).isInstanceOf(UncheckedIOException.class);
            }
        }
    }
}
