package dev.sluice.kernel.upstream;

import io.helidon.webclient.api.TcpClientConnection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;

/**
 * One call's read deadline: {@link #read()} on every byte that arrives pushes it back,
 * {@link #end()} stops watching. Once expired, the connection is closed.
 */
final class ReadWatch {
    private static final int WATCHING = 0;
    private static final int ENDED = 1;
    private static final int EXPIRED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ReadWatch.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Set<ReadWatch> watched;
    private final TcpClientConnection connection;
    private final Thread connecting;
    private final long timeoutNanos;
    private volatile long lastRead = System.nanoTime();
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    /**
     * Starts watching: adds itself to {@code watched}, the set the sweeper walks.
     *
     * @param watched the pool's watched calls
     * @param connection the call's connection, closed on expiry; or {@code null} while connecting
     * @param connecting the thread to interrupt on expiry while {@code connection} is {@code null}
     * @param timeoutNanos the longest wait for a byte
     */
    ReadWatch(Set<ReadWatch> watched, TcpClientConnection connection, Thread connecting, long timeoutNanos) {
        this.watched = watched;
        this.connection = connection;
        this.connecting = connecting;
        this.timeoutNanos = timeoutNanos;
        watched.add(this);
    }

    /** Something of the answer arrived. */
    void read() {
        lastRead = System.nanoTime();
    }

    /** Whether the read timeout passed, so that the connection was closed under the call. */
    boolean expired() {
        return state == EXPIRED;
    }

    /**
     * The call is over: stops watching.
     *
     * @return false when the read timeout had passed first (the connection is closed)
     */
    boolean end() {
        watched.remove(this);
        return STATE.compareAndSet(this, WATCHING, ENDED) || state != EXPIRED;
    }

    /** Whether the deadline has passed at {@code now}. */
    boolean due(long now) {
        return now - lastRead > timeoutNanos;
    }

    /** Closes the connection (or interrupts the connecting thread), unless the call ended first. */
    void expire() {
        if (STATE.compareAndSet(this, WATCHING, EXPIRED)) {
            watched.remove(this);
            if (connection != null) {
                connection.closeResource();
            } else {
                connecting.interrupt();
            }
        }
    }
}
