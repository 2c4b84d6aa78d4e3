package dev.sluice.kernel.upstream;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The keep-alive connections to upstream hosts, kept by the gateway rather than by the HTTP client.
 *
 * <ul>
 *   <li>The most recently released connection is reused first. Under steady load the same few
 *       connections serve every call, and the surplus a burst opened sits at the bottom until it
 *       has been idle for the idle timeout; then it is closed.
 *   <li>Idle connections cost nothing while they wait: no thread watches them. (Helidon's own
 *       cache watches each with a virtual thread in a 101 ms timed read, about 0.4 ms of CPU a
 *       second per connection, and hands the first byte of each answer from that thread to the
 *       caller.)
 *   <li>A connection the host closed while it sat idle is found when it is next used: the call
 *       fails before any byte of an answer arrives. {@link HelidonUpstreamClient} then sends the
 *       call once more on a new connection.
 * </ul>
 *
 * <p>At most {@code maxIdlePerHost} connections are kept per host; more may be open at once, and
 * one released into a full pool is closed.
 */
final class UpstreamPool {
    private static final List<String> ALPN = List.of("http/1.1");
    /** The longest time between two sweeps: how late a read timeout may be noticed. */
    private static final long SWEEP_MILLIS = 100;
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();
    /** One daemon thread, for every pool, closes connections idle past their time and calls past their deadline. */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sluice-upstream-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    private final WebClient client;
    private final Proxy proxy;
    private final int maxIdlePerHost;
    private final long idleTimeoutNanos;
    private final long connectTimeoutNanos;
    private final Map<HostKey, Host> hosts = new ConcurrentHashMap<>();
    private final LongAdder opened = new LongAdder();
    private final Set<ReadWatch> reading = ConcurrentHashMap.newKeySet();

    /**
     * @param client the client whose settings (socket options, TLS, DNS) new connections use
     * @param proxy the proxy connections go through, or {@link Proxy#noProxy()}
     * @param maxIdlePerHost how many idle connections are kept per host
     * @param idleTimeout how long a connection may sit idle before it is closed
     * @param connectTimeout how long a new connection may take, TLS handshake included
     */
    UpstreamPool(WebClient client, Proxy proxy, int maxIdlePerHost, Duration idleTimeout, Duration connectTimeout) {
        this.client = client;
        this.connectTimeoutNanos = connectTimeout.toNanos();
        this.proxy = proxy;
        this.maxIdlePerHost = maxIdlePerHost;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        long every = Math.clamp(idleTimeout.toMillis() / 4, 10, SWEEP_MILLIS);
        WeakReference<UpstreamPool> self = new WeakReference<>(this);
        AtomicReference<ScheduledFuture<?>> sweeping = new AtomicReference<>();
        sweeping.set(SWEEPER.scheduleWithFixedDelay(() -> {
            UpstreamPool pool = self.get();
            if (pool == null) {
                // The pool is gone, and with it every connection it kept.
                ScheduledFuture<?> task = sweeping.get();
                if (task != null) {
                    task.cancel(false);
                }
                return;
            }
            pool.sweep();
        }, every, every, TimeUnit.MILLISECONDS));
    }

    /**
     * Starts watching a call on {@code connection} for its read timeout: the connection is
     * closed once {@code timeout} passes without a byte of the answer, which fails the read the
     * caller is blocked in. The sweeper checks every {@value #SWEEP_MILLIS} ms at most.
     *
     * <p>Reads themselves wait without a socket timeout: on a virtual thread a timed read costs
     * two wake-ups of the JDK's timer thread (to arm the timeout and to cancel it), which showed
     * as about a fifth more CPU per call on a busy core.
     */
    ReadWatch watch(TcpClientConnection connection, Duration timeout) {
        return new ReadWatch(reading, connection, null, timeout.toNanos());
    }

    /** A connection for a call to {@code uri}'s host: an idle one if there is one, else a new one. */
    Lease acquire(URI uri) {
        Host host = host(uri);
        long now = System.nanoTime();
        for (Idle idle; (idle = host.idle.pollFirst()) != null; ) {
            host.size.decrementAndGet();
            if (idle.connection.isConnected() && now - idle.since < idleTimeoutNanos) {
                return new Lease(idle.connection, true);
            }
            idle.connection.closeResource();
        }
        return new Lease(connect(host), false);
    }

    /** A new connection to {@code uri}'s host, for a call that must not reuse one. */
    TcpClientConnection connect(URI uri) {
        return connect(host(uri));
    }

    /** How many connections sit idle in the pool now. */
    int idle() {
        int total = 0;
        for (Host host : hosts.values()) {
            total += host.size.get();
        }
        return total;
    }

    /** How many calls are watched for their read timeout now. */
    int watching() {
        return reading.size();
    }

    /** How many connections the pool has opened. */
    long opened() {
        return opened.sum();
    }

    private Host host(URI uri) {
        return hosts.computeIfAbsent(hostKey(uri), this::newHost);
    }

    /** Scheme, host and port of {@code uri}, the port filled in from the scheme. */
    static HostKey hostKey(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            // A name java.net.URI does not take as a host name (one with '_', say): from the authority.
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 0) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
        return new HostKey(scheme, host, port);
    }

    private Host newHost(HostKey key) {
        WebClientConfig config = client.prototype();
        Tls tls = "https".equalsIgnoreCase(key.scheme) ? config.tls() : NO_TLS;
        return new Host(ConnectionKey.create(key.scheme, key.host, key.port, tls, config.dnsResolver(),
                config.dnsAddressLookup(), proxy));
    }

    /**
     * Opens a connection. The TCP connect has its own timeout; the TLS handshake (and a proxy's
     * answer to {@code CONNECT}) is watched like a read, with the connect timeout: past it, the
     * connecting thread is interrupted, which closes its socket when it is a virtual thread, as
     * request threads are.
     */
    private TcpClientConnection connect(Host host) {
        ReadWatch watch = new ReadWatch(reading, null, Thread.currentThread(), connectTimeoutNanos);
        TcpClientConnection connection = null;
        RuntimeException failure = null;
        try {
            connection = TcpClientConnection.create(client, host.key, ALPN,
                    released -> release(host, released), closed -> { }).connect();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (!watch.end()) {
            // The watch interrupted this thread: clear that, and drop what the handshake left.
            Thread.interrupted();
            if (connection != null) {
                connection.closeResource();
            }
            throw new UncheckedIOException(new SocketTimeoutException("TLS handshake timed out"));
        }
        if (failure != null) {
            throw failure;
        }
        opened.increment();
        return connection;
    }

    /** Called by the client when a call has read its answer whole: keeps the connection, or says to close it. */
    private boolean release(Host host, TcpClientConnection connection) {
        if (!connection.isConnected()) {
            return false;
        }
        if (host.size.incrementAndGet() > maxIdlePerHost) {
            host.size.decrementAndGet();
            return false;
        }
        host.idle.offerFirst(new Idle(connection, System.nanoTime()));
        return true;
    }

    /**
     * Closes the connections idle past the idle timeout (with reuse from the top, they are at the
     * bottom) and those whose call has waited past its read timeout.
     */
    void sweep() {
        long now = System.nanoTime();
        for (ReadWatch watch : reading) {
            if (watch.due(now)) {
                watch.expire();
            }
        }
        for (Host host : hosts.values()) {
            for (Idle oldest; (oldest = host.idle.peekLast()) != null && now - oldest.since >= idleTimeoutNanos; ) {
                if (host.idle.removeLastOccurrence(oldest)) {
                    host.size.decrementAndGet();
                    oldest.connection.closeResource();
                }
            }
        }
    }

    /**
     * A connection lent for one call. The client gives it back itself once the answer has been
     * read whole, or closes it.
     *
     * @param connection the connection
     * @param reused whether it served an earlier call, so the host may have closed it meanwhile
     */
    record Lease(TcpClientConnection connection, boolean reused) {
    }

    record HostKey(String scheme, String host, int port) {
    }

    private record Idle(TcpClientConnection connection, long since) {
    }

    private static final class Host {
        final ConnectionKey key;
        /** Idle connections, the most recently released first. */
        final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
        /** The deque's size, which the deque itself counts only by walking it. */
        final AtomicInteger size = new AtomicInteger();

        Host(ConnectionKey key) {
            this.key = key;
        }
    }
}
