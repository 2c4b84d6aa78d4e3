package dev.sluice.kernel.upstream;

import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The upstream client on Helidon's WebClient, set up for LLM traffic: HTTP/1.1 keep-alive
 * connections from the gateway's own {@link UpstreamPool}, {@code TCP_NODELAY}, no redirects, no
 * {@code Expect: 100-continue}, bodies sent whole from byte arrays, and read timeouts sized for
 * long generations. A call whose pooled connection the host had closed meanwhile is sent once
 * more on a new connection.
 */
final class HelidonUpstreamClient implements UpstreamClient {
    private static final Map<String, HeaderName> NAMES = new ConcurrentHashMap<>();

    private final WebClient client;
    private final UpstreamPool pool;
    private final Duration readTimeout;
    private final LongAdder resent = new LongAdder();

    HelidonUpstreamClient(UpstreamOptions options) {
        Proxy proxy = systemProxyConfigured() ? Proxy.create() : Proxy.noProxy();
        // Calls read without a socket timeout: the pool's sweeper enforces the read timeout, and
        // the connect timeout of a TLS handshake.
        this.readTimeout = options.readTimeout();
        this.client = WebClient.builder()
                .protocolPreference(List.of("http/1.1"))
                .connectTimeout(options.connectTimeout())
                .readTimeout(Duration.ZERO)
                .socketOptions(SocketOptions.builder()
                        .tcpNoDelay(true)
                        .connectTimeout(options.connectTimeout())
                        .readTimeout(Duration.ZERO)
                        .build())
                .followRedirects(false)
                .sendExpectContinue(false)
                .keepAlive(true)
                .proxy(proxy)
                .shareConnectionCache(false)
                .build();
        this.pool = new UpstreamPool(client, proxy, options.maxConnectionsPerHost(), options.idleTimeout(),
                options.connectTimeout());
    }

    /** How many connections sit idle in the pool. */
    int idleConnections() {
        return pool.idle();
    }

    /** How many connections have been opened. */
    long openedConnections() {
        return pool.opened();
    }

    /** How many calls are being watched for their read timeout. */
    int watchedCalls() {
        return pool.watching();
    }

    /** How many calls were sent again because the host had closed their pooled connection. */
    long resentCalls() {
        return resent.sum();
    }

    /**
     * Whether the JVM was given an HTTP proxy ({@code -Dhttps.proxyHost=…}). Without one, the
     * client skips the system proxy lookup that would otherwise run on every request.
     */
    private static boolean systemProxyConfigured() {
        return System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null
                || Boolean.getBoolean("java.net.useSystemProxies");
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        UpstreamPool.Lease lease;
        try {
            lease = pool.acquire(request.uri());
        } catch (RuntimeException e) {
            throw new UncheckedIOException(asIo(e));
        }
        try {
            return exchange(request, lease.connection());
        } catch (RuntimeException e) {
            if (!lease.reused() || !closedWhileIdle(e)) {
                throw asUnchecked(e);
            }
        }
        // The host closed the reused connection while it sat idle (its keep-alive timeout), so it
        // never saw the call: send it once more, on a new connection.
        resent.increment();
        try {
            return exchange(request, pool.connect(request.uri()));
        } catch (RuntimeException e) {
            throw asUnchecked(e);
        }
    }

    /**
     * Sends the call on {@code connection}, watched for its read timeout until the answer is
     * closed; on failure the connection is closed.
     */
    private UpstreamResponse exchange(UpstreamRequest request, TcpClientConnection connection) {
        ReadWatch watch = pool.watch(connection, request.readTimeout().orElse(readTimeout));
        try {
            HttpClientRequest call = client.method(Method.create(request.method())).uri(request.uri())
                    .connection(connection);
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                call.header(NAMES.computeIfAbsent(header.getKey(), HeaderNames::create), header.getValue());
            }
            HttpClientResponse response = request.body().length == 0 && !"POST".equals(request.method())
                    ? call.request()
                    : call.submit(request.body());
            watch.read();
            return new Response(response, connection, watch);
        } catch (RuntimeException e) {
            boolean inTime = watch.end();
            connection.closeResource();
            if (!inTime) {
                throw new UncheckedIOException(timedOut());
            }
            throw e;
        }
    }

    private static SocketTimeoutException timedOut() {
        return new SocketTimeoutException("Read timed out");
    }

    /**
     * Whether a call failed the way a call on a connection the host had already closed fails: the
     * write is refused, or the read finds the end of the stream or a reset before any answer. A
     * read timeout is not that: the host has the call and is slow.
     */
    static boolean closedWhileIdle(Throwable e) {
        boolean closed = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return false;
            }
            if (t instanceof EOFException || t instanceof SocketException
                    || t instanceof DataReader.InsufficientDataAvailableException) {
                closed = true;
            }
        }
        return closed;
    }

    private static UncheckedIOException asUnchecked(RuntimeException e) {
        return e instanceof UncheckedIOException unchecked ? unchecked : new UncheckedIOException(asIo(e));
    }

    private static IOException asIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /** Adapts Helidon's response; its stream surfaces I/O failures as {@link IOException}. */
    private static final class Response implements UpstreamResponse {
        /** Bodies up to this size with a Content-Length are read into an exact array. */
        private static final long MAX_EXACT_BODY = 64L << 20;

        /** What is read of a body after its content, at most, to keep its connection. */
        private static final long MAX_DRAIN = 64 * 1024;
        private static final Duration DRAIN_TIME = Duration.ofSeconds(2);
        /** How long the closing thread waits for the drain before it goes on. */
        private static final Duration DRAIN_WAIT = Duration.ofMillis(5);
        private static final Executor DRAIN_DEADLINE =
                CompletableFuture.delayedExecutor(DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS);

        private final HttpClientResponse response;
        private final TcpClientConnection connection;
        private final ReadWatch watch;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile InputStream body;

        Response(HttpClientResponse response, TcpClientConnection connection, ReadWatch watch) {
            this.response = response;
            this.connection = connection;
            this.watch = watch;
        }

        @Override
        public int status() {
            return response.status().code();
        }

        @Override
        public Optional<String> header(String name) {
            return response.headers().first(NAMES.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT),
                    HeaderNames::create));
        }

        @Override
        public InputStream body() {
            if (body == null) {
                InputStream raw = response.inputStream();
                // The client reports the end of an answer that ends with the connection as missing data.
                boolean toEnd = endsWithConnection();
                body = new InputStream() {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n;
                        try {
                            n = raw.read(b, off, len);
                        } catch (DataReader.InsufficientDataAvailableException e) {
                            if (watch.expired()) {
                                throw timedOut();
                            }
                            if (toEnd) {
                                return -1;
                            }
                            throw asIo(e);
                        } catch (RuntimeException e) {
                            throw watch.expired() ? timedOut() : asIo(e);
                        } catch (IOException e) {
                            throw watch.expired() ? timedOut() : e;
                        }
                        if (n < 0 && watch.expired()) {
                            throw timedOut();
                        }
                        watch.read();
                        return n;
                    }

                    @Override
                    public void close() throws IOException {
                        raw.close();
                    }
                };
            }
            return body;
        }

        /**
         * The whole body. With a {@code Content-Length}, read into one array of that size: the
         * client allocates a buffer as large as each read asks for, and a generic read-all asks for
         * 16 KB at a time, twice per answer (about 50 KB per request for a 1 KB answer). The
         * stream is then closed, which marks the entity read so the connection goes back to the
         * pool.
         */
        @Override
        public byte[] bytes() {
            OptionalLong length = response.headers().contentLength();
            if (length.isEmpty() || length.getAsLong() > MAX_EXACT_BODY) {
                return UpstreamResponse.super.bytes();
            }
            int size = (int) length.getAsLong();
            byte[] out = new byte[size];
            InputStream in = body();
            try {
                int read = in.readNBytes(out, 0, size);
                if (read < size) {
                    throw new EOFException("the upstream answer ended after " + read + " of its " + size + " bytes");
                }
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                if (!watch.end() || endsWithConnection()) {
                    connection.closeResource();
                }
                response.close();
            }
        }

        /**
         * An answer with a body but neither a length nor chunks ends when the host closes the
         * connection, which then cannot serve another call.
         */
        private boolean endsWithConnection() {
            int status = response.status().code();
            return status >= 200 && status != 204 && status != 304
                    && response.headers().contentLength().isEmpty()
                    && !response.headers().contains(HeaderValues.TRANSFER_ENCODING_CHUNKED);
        }

        /**
         * Reads the rest of the body on a virtual thread, up to {@link #MAX_DRAIN} bytes and for at
         * most {@link #DRAIN_TIME}, then closes: a chunked body read to its end puts the
         * connection back in the pool. A stream's last event usually arrives with the body's end,
         * so the drain takes no time, and the caller waits up to {@link #DRAIN_WAIT} for it; an
         * upstream that keeps the body open past the deadline has its connection dropped, as a
         * plain close would.
         */
        @Override
        public void closeWhenDrained() {
            InputStream in = body;
            if (in == null || closed.get()) {
                close();
                return;
            }
            Thread drain = Thread.ofVirtual().name("sluice-upstream-drain").start(() -> {
                try {
                    byte[] skipped = new byte[512];
                    long left = MAX_DRAIN;
                    for (int n; left > 0 && (n = in.read(skipped, 0, (int) Math.min(skipped.length, left))) >= 0; ) {
                        left -= n;
                    }
                } catch (IOException | RuntimeException e) {
                    // The connection is dropped below.
                } finally {
                    close();
                }
            });
            try {
                // Usually the body's end has arrived with the last event: wait that moment, so the
                // connection is back in the pool before this request's next call needs one.
                if (drain.join(DRAIN_WAIT)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DRAIN_DEADLINE.execute(() -> {
                if (drain.isAlive()) {
                    close();
                }
            });
        }
    }
}
