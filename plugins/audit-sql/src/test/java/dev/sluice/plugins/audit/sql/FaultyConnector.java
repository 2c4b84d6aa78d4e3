package dev.sluice.plugins.audit.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real connections with trouble put in the writer's way: statements that fail as if the
 * connection dropped, a commit whose answer is lost after it went through, or a gate that holds
 * every statement back until opened.
 */
final class FaultyConnector implements Connector {
    private final Connector real;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicBoolean loseCommitAnswer = new AtomicBoolean();
    private final AtomicBoolean alwaysFail = new AtomicBoolean();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    FaultyConnector(Connector real) {
        this.real = real;
    }

    /** The next {@code count} statements fail. */
    FaultyConnector failNext(int count) {
        failuresLeft.set(count);
        return this;
    }

    /** Every connection attempt fails: the database is unreachable. */
    FaultyConnector unreachable() {
        alwaysFail.set(true);
        return this;
    }

    /** The next commit goes through, and then reports a broken connection. */
    FaultyConnector loseNextCommitAnswer() {
        loseCommitAnswer.set(true);
        return this;
    }

    /** Holds statements back until {@link #open()}. */
    FaultyConnector close() {
        gate = new CountDownLatch(1);
        return this;
    }

    /** Lets held statements go. */
    void open() {
        gate.countDown();
    }

    @Override
    public Connection connect() throws SQLException {
        if (alwaysFail.get()) {
            throw new SQLException("Connection refused (injected)", "08001");
        }
        Connection connection = real.connect();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection));
    }

    private final class Handler implements InvocationHandler {
        private final Connection connection;

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    gate.await();
                    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new SQLException("An I/O error occurred while sending to the backend (injected)",
                                "08006");
                    }
                }
                case "commit" -> {
                    Object result = call(connection, method, args);
                    loseAnswer();
                    return result;
                }
                case "createStatement" -> {
                    Statement statement = (Statement) call(connection, method, args);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                            (p, m, a) -> {
                                Object result = call(statement, m, a);
                                if (m.getName().equals("execute") && "COMMIT".equals(a[0])) {
                                    loseAnswer();
                                }
                                return result;
                            });
                }
                default -> {
                }
            }
            return call(connection, method, args);
        }
    }

    private void loseAnswer() throws SQLException {
        if (loseCommitAnswer.getAndSet(false)) {
            throw new SQLException("An I/O error occurred while reading the answer (injected)", "08006");
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
