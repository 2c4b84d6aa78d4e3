package dev.sluice.bench;

import io.helidon.common.mapper.MapperManager;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * The floor under any gateway built on this stack: a Helidon server that forwards each
 * {@code POST} body as bytes, to the same path on one upstream, with Helidon's client, and relays
 * the answer back (a JSON body whole, an event stream read by read, each read flushed at once),
 * with nothing in between: no parsing, routing, accounting or audit. Run in the gateway's place
 * ({@code bench/run --peer bare}), it shows which part of the added latency the position in the
 * benchmark costs any process on this stack (the hops between CPUs, waking an idle one) rather than
 * the gateway's own work.
 *
 * <pre>
 * java -cp ... dev.sluice.bench.BareProxy --port 8090 --upstream http://127.0.0.1:9000
 * </pre>
 * The same socket and client settings as Sluice's upstream client: {@code TCP_NODELAY} on both
 * sides, HTTP/1.1 keep-alive, no {@code Expect: 100-continue}, no redirects.
 */
public final class BareProxy {

    private BareProxy() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        String upstream = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--upstream" -> upstream = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (upstream == null) {
            throw new IllegalArgumentException("--upstream URL is required");
        }
        MapperManager.global(MapperManager.create());
        String base = upstream.replaceAll("/+$", "");
        WebClient client = WebClient.builder()
                .protocolPreference(List.of("http/1.1"))
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).readTimeout(Duration.ofMinutes(10)).build())
                .readTimeout(Duration.ofMinutes(10))
                .followRedirects(false)
                .sendExpectContinue(false)
                .keepAlive(true)
                .connectionCacheSize(1024)
                .build();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .backlog(8192)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing((HttpRouting.Builder r) -> r
                        .post((req, res) -> forward(client, base + req.path().rawPath(), req, res)))
                .build()
                .start();
        System.out.println("bare proxy on http://127.0.0.1:" + server.port() + " -> " + base);
        Thread.currentThread().join();
    }

    private static void forward(WebClient client, String target, ServerRequest req, ServerResponse res)
            throws IOException {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readAllBytes();
        }
        try (HttpClientResponse answer = client.post(target)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(body)) {
            res.status(Status.create(answer.status().code()));
            String type = answer.headers().contentType().map(t -> t.text()).orElse("application/json");
            res.header(HeaderNames.CONTENT_TYPE, type);
            try (InputStream in = answer.inputStream()) {
                if (!type.startsWith("text/event-stream")) {
                    res.send(in.readAllBytes());
                    return;
                }
                byte[] buffer = new byte[8192];
                try (OutputStream out = res.outputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            }
        }
    }
}
