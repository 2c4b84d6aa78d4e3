package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on {@code 127.0.0.1} (random port) that accepts every connection, reads whatever is
 * sent, and never answers: no status line, no headers, no close. It stands for an upstream whose
 * process is alive but stuck, which a connect timeout cannot catch.
 *
 * <pre>{@code
 * try (HangingServer stuck = HangingServer.start()) {
 *     // point a provider at stuck.baseUrl(); the call hangs until the caller gives up
 *     assertThat(stuck.acceptedConnections()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it closes every connection it holds.
 */
public final class HangingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object arrivals = new Object();

    private HangingServer(ServerSocket socket) {
        this.socket = socket;
        Thread.ofVirtual().name("hanging-server-accept").start(this::acceptLoop);
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static HangingServer start() {
        try {
            return new HangingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a server socket", e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT/v1}, the form OpenAI clients take as base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** How many connections it has accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** How many of the accepted connections the other side has closed since. */
    public int closedByPeer() {
        int closed = 0;
        for (Socket s : held) {
            if (s.isClosed()) {
                closed++;
            }
        }
        return closed;
    }

    /** Waits until at least {@code count} connections were accepted; false on timeout. */
    public boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (accepted.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                arrivals.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
            }
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a listening socket only fails if it is closed already.
        }
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException e) {
                // Already gone: nothing to release.
            }
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            held.add(client);
            accepted.incrementAndGet();
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
            Thread.ofVirtual().name("hanging-server-drain").start(() -> drain(client));
        }
    }

    /** Reads and discards until the peer goes away, so that its writes never block; then marks it closed. */
    private static void drain(Socket client) {
        byte[] buffer = new byte[8192];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // The peer reset the connection: the same as closing it.
        }
        try {
            client.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
