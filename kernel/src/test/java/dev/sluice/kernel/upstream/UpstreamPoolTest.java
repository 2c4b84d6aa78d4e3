package dev.sluice.kernel.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own upstream connection pool, against a socket-level HTTP/1.1 server that can
 * close a kept-alive connection, stall, or hold calls open together: the most recent connection is
 * reused first, idle ones are closed after the idle timeout, the pool keeps at most its size, and a
 * call on a connection the host closed meanwhile is sent once more, and only then.
 */
class UpstreamPoolTest {
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}";

    private final List<RawServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(RawServer::close);
    }

    @Test
    void aConnectionTheHostClosedWhileIdleIsReplacedAndTheCallIsSentOnce() throws Exception {
        // The host answers one call per connection and then closes it, as a host does whose
        // keep-alive timeout is shorter than the time the connection sat in the pool.
        RawServer server = server((call, out) -> {
            answer(out, 200, ANSWER);
            return false;
        });
        HelidonUpstreamClient client = client(UpstreamOptions.DEFAULTS);
        assertThat(call(client, server)).isEqualTo(ANSWER);
        server.awaitClosed(1);

        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThat(server.calls.get()).as("each call reached the host once").isEqualTo(2);
        assertThat(client.resentCalls()).isEqualTo(1);
        assertThat(client.openedConnections()).isEqualTo(2);
    }

    @Test
    void aReusedConnectionThatTimesOutIsNotSentAgain() throws Exception {
        // The second call on the connection reaches the host, which never answers it.
        RawServer server = server((call, out) -> {
            if (call == 1) {
                answer(out, 200, ANSWER);
                return true;
            }
            Thread.sleep(5_000);
            return false;
        });
        HelidonUpstreamClient client = client(new UpstreamOptions(Duration.ofSeconds(5), Duration.ofMillis(300), 16));
        assertThat(call(client, server)).isEqualTo(ANSWER);

        assertThatThrownBy(() -> call(client, server)).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(server.calls.get()).as("a slow host has the call: it is not sent twice").isEqualTo(2);
        assertThat(client.resentCalls()).isZero();
    }

    @Test
    void theMostRecentlyUsedConnectionIsReusedFirst() throws Exception {
        CountDownLatch together = new CountDownLatch(4);
        RawServer server = server((call, out) -> {
            if (call == 1) {
                together.countDown();
                together.await(5, TimeUnit.SECONDS);
            }
            answer(out, 200, ANSWER);
            return true;
        });
        HelidonUpstreamClient client = client(UpstreamOptions.DEFAULTS);
        burst(client, server, 4);
        assertThat(client.idleConnections()).isEqualTo(4);

        server.ports.clear();
        for (int i = 0; i < 12; i++) {
            assertThat(call(client, server)).isEqualTo(ANSWER);
        }
        assertThat(server.ports).as("sequential calls stay on one connection").hasSize(1);
        assertThat(client.openedConnections()).isEqualTo(4);
    }

    @Test
    void connectionsIdlePastTheIdleTimeoutAreClosed() throws Exception {
        RawServer server = server((call, out) -> {
            answer(out, 200, ANSWER);
            return true;
        });
        HelidonUpstreamClient client = client(
                new UpstreamOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), 16, Duration.ofMillis(200)));
        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThat(client.idleConnections()).isEqualTo(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.idleConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.idleConnections()).as("closed by the sweeper").isZero();
        server.awaitClosed(1);

        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThat(client.openedConnections()).isEqualTo(2);
        assertThat(client.resentCalls()).as("an expired connection is never tried").isZero();
    }

    @Test
    void thePoolKeepsAtMostItsSizePerHost() throws Exception {
        CountDownLatch together = new CountDownLatch(5);
        RawServer server = server((call, out) -> {
            together.countDown();
            together.await(5, TimeUnit.SECONDS);
            answer(out, 200, ANSWER);
            return true;
        });
        HelidonUpstreamClient client = client(new UpstreamOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), 2));
        burst(client, server, 5);
        assertThat(client.idleConnections()).isEqualTo(2);
        server.awaitClosed(3);
    }

    @Test
    void anAnswerEndedByClosingTheConnectionIsNotPooled() throws Exception {
        RawServer server = server((call, out) -> {
            // No length and no chunks: the answer ends when the connection does.
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + ANSWER)
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        });
        HelidonUpstreamClient client = client(UpstreamOptions.DEFAULTS);
        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThat(client.idleConnections()).isZero();
        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThat(client.resentCalls()).isZero();
        assertThat(client.openedConnections()).isEqualTo(2);
    }

    @Test
    void aHostThatRefusesEveryCallFailsAfterOneResend() throws Exception {
        // The connection is closed as soon as the call arrives, fresh ones included.
        AtomicInteger total = new AtomicInteger();
        RawServer server = server((call, out) -> total.incrementAndGet() == 1 && answerAndKeep(out));
        HelidonUpstreamClient client = client(UpstreamOptions.DEFAULTS);
        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThatThrownBy(() -> call(client, server)).isInstanceOf(UncheckedIOException.class);
        assertThat(client.resentCalls()).isEqualTo(1);
        assertThat(client.openedConnections()).isEqualTo(2);
    }

    private static boolean answerAndKeep(OutputStream out) throws IOException {
        answer(out, 200, ANSWER);
        return true;
    }

    @Test
    void theReadTimeoutIsTheLongestWaitForAnyNextByteNotForTheWholeAnswer() throws Exception {
        // Five events 150 ms apart: 750 ms in all, with a read timeout of 400 ms.
        RawServer server = server((call, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 5; i++) {
                Thread.sleep(150);
                chunk(out, "data: {\"n\":" + i + "}\n\n");
            }
            chunk(out, "");
            return true;
        });
        HelidonUpstreamClient client = client(new UpstreamOptions(Duration.ofSeconds(5), Duration.ofMillis(400), 16));
        String events = call(client, server);
        assertThat(events).contains("data: {\"n\":4}");
        assertThat(client.watchedCalls()).as("the finished call is no longer watched").isZero();
        assertThat(client.idleConnections()).isEqualTo(1);
    }

    @Test
    void aStreamThatStallsMidwayTimesOut() throws Exception {
        RawServer server = server((call, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, "data: {\"n\":0}\n\n");
            Thread.sleep(5_000);
            return false;
        });
        HelidonUpstreamClient client = client(new UpstreamOptions(Duration.ofSeconds(5), Duration.ofMillis(300), 16));
        try (UpstreamResponse response = client.send(UpstreamRequest.post(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"), Map.of(), new byte[0]))) {
            InputStream body = response.body();
            byte[] first = new byte[64];
            assertThat(body.read(first)).isPositive();
            long start = System.nanoTime();
            assertThatThrownBy(() -> body.read(first)).isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(2));
        }
        assertThat(client.watchedCalls()).isZero();
        assertThat(client.idleConnections()).as("a timed-out connection is not pooled").isZero();
    }

    private static void chunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void aTlsHandshakeThatNeverAnswersFailsAfterTheConnectTimeout() throws Exception {
        // Takes the connection and never answers the client's hello.
        RawServer server = server((call, out) -> false);
        HelidonUpstreamClient client = client(new UpstreamOptions(Duration.ofMillis(300), Duration.ofMinutes(10), 16));
        long start = System.nanoTime();
        // On a virtual thread, as requests run: its socket I/O is interruptible.
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> call = requests.submit(() -> client.send(UpstreamRequest.post(
                    URI.create("https://127.0.0.1:" + server.port() + "/v1/chat/completions"), Map.of(), new byte[0])));
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(UncheckedIOException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.watchedCalls()).isZero();
    }

    @Test
    void anAnswerSlowerThanTheConnectTimeoutIsStillWaitedFor() throws Exception {
        RawServer server = server((call, out) -> {
            Thread.sleep(600);
            answer(out, 200, ANSWER);
            return true;
        });
        HelidonUpstreamClient client = client(new UpstreamOptions(Duration.ofMillis(200), Duration.ofSeconds(5), 16));
        assertThat(call(client, server)).isEqualTo(ANSWER);
        assertThat(call(client, server)).as("on the pooled connection too").isEqualTo(ANSWER);
    }

    @Test
    void hostsAreKeyedBySchemeNameAndPort() {
        assertThat(UpstreamPool.hostKey(URI.create("https://api.openai.com/v1/chat/completions")))
                .isEqualTo(new UpstreamPool.HostKey("https", "api.openai.com", 443));
        assertThat(UpstreamPool.hostKey(URI.create("http://127.0.0.1:9000/v1")))
                .isEqualTo(new UpstreamPool.HostKey("http", "127.0.0.1", 9000));
        assertThat(UpstreamPool.hostKey(URI.create("http://[::1]:11434/v1")))
                .isEqualTo(new UpstreamPool.HostKey("http", "::1", 11434));
        // java.net.URI takes no host name with '_', as container names often have.
        assertThat(UpstreamPool.hostKey(URI.create("http://vllm_server:8000/v1")))
                .isEqualTo(new UpstreamPool.HostKey("http", "vllm_server", 8000));
        assertThat(UpstreamPool.hostKey(URI.create("http://my_llm/v1")))
                .isEqualTo(new UpstreamPool.HostKey("http", "my_llm", 80));
    }

    @Test
    void errorsTellStaleConnectionsFromSlowHosts() {
        assertThat(HelidonUpstreamClient.closedWhileIdle(new UncheckedIOException(new java.net.SocketException(
                "Connection reset")))).isTrue();
        assertThat(HelidonUpstreamClient.closedWhileIdle(new UncheckedIOException(new java.io.EOFException())))
                .isTrue();
        assertThat(HelidonUpstreamClient.closedWhileIdle(new UncheckedIOException(new SocketTimeoutException())))
                .isFalse();
        assertThat(HelidonUpstreamClient.closedWhileIdle(new IllegalStateException("bad header"))).isFalse();
    }

    private static HelidonUpstreamClient client(UpstreamOptions options) {
        return new HelidonUpstreamClient(options);
    }

    /** Makes {@code count} calls at once, each on a virtual thread, and checks every answer. */
    private static void burst(HelidonUpstreamClient client, RawServer server, int count) throws Exception {
        try (var burst = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(burst.submit(() -> call(client, server)));
            }
            for (Future<String> answer : calls) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(ANSWER);
            }
        }
    }

    private static String call(HelidonUpstreamClient client, RawServer server) {
        try (UpstreamResponse response = client.send(UpstreamRequest.post(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"),
                Map.of("Content-Type", "application/json"), "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(response.status()).isEqualTo(200);
            return new String(response.bytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private RawServer server(Handler handler) throws IOException {
        RawServer server = new RawServer(handler);
        servers.add(server);
        return server;
    }

    /** What the host does with the n-th call on a connection; true keeps the connection open. */
    @FunctionalInterface
    interface Handler {
        boolean handle(int callOnConnection, OutputStream out) throws Exception;
    }

    /** An HTTP/1.1 server on a plain socket, one thread per connection, counting calls and connections. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final java.util.Set<Integer> ports = ConcurrentHashMap.newKeySet();
        private final Handler handler;

        RawServer(Handler handler) throws IOException {
            this.handler = handler;
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        void awaitClosed(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (closed.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(closed.get()).as("connections closed").isGreaterThanOrEqualTo(count);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                for (int n = 1; readRequest(in); n++) {
                    calls.incrementAndGet();
                    ports.add(connection.getPort());
                    if (!handler.handle(n, out)) {
                        return;
                    }
                }
            } catch (Exception e) {
                // The client went away.
            } finally {
                closed.incrementAndGet();
            }
        }

        /** Reads one request, its body by Content-Length; false at the end of the stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return in.readNBytes(length).length == length;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
