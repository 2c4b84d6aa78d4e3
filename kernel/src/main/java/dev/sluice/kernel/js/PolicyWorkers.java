package dev.sluice.kernel.js;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The small pool of platform threads JavaScript runs on (requests run on virtual threads, where
 * GraalJS is not at home). Each worker owns its contexts, one per statement limit in use, so a
 * context is only ever touched by its own thread; a worker builds its default context before it
 * takes its first task, so requests do not wait for a cold context.
 */
final class PolicyWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PolicyWorkers.class.getName());

    /** Warm-up calls per worker, unless set with {@code -Dsluice.js.warm_up=N}. */
    static final int WARM_UP_CALLS = Integer.getInteger("sluice.js.warm_up", 300);

    private final LongFunction<SandboxContext> opener;
    private final long defaultStatements;
    private final int warmUpCalls;
    private final ThreadLocal<Map<Long, SandboxContext>> owned = ThreadLocal.withInitial(HashMap::new);
    private final ThreadPoolExecutor pool;

    /**
     * @param threads how many workers
     * @param opener builds a locked-down context for a statement limit
     * @param defaultStatements the statement limit whose context each worker builds up front
     * @param warmUpCalls the warm-up calls each worker makes on that context before serving
     */
    PolicyWorkers(int threads, LongFunction<SandboxContext> opener, long defaultStatements, int warmUpCalls) {
        this.opener = opener;
        this.defaultStatements = defaultStatements;
        this.warmUpCalls = warmUpCalls;
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> Thread.ofPlatform().daemon()
                .name("sluice-js-" + counter.incrementAndGet())
                .unstarted(() -> work(task));
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.prestartAllCoreThreads();
    }

    private void work(Runnable tasks) {
        try {
            context(defaultStatements).warmUp(warmUpCalls);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a JavaScript policy worker could not prepare its context", e);
        }
        try {
            tasks.run();
        } finally {
            owned.get().values().forEach(SandboxContext::close);
            owned.get().clear();
        }
    }

    /**
     * Runs a task on a worker, with that worker's context for the statement limit, and waits for
     * it. Exceptions the task throws are rethrown here.
     */
    <T> T run(long maxStatements, Function<SandboxContext, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(task.apply(context(maxStatements)));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new PolicyException(PolicyException.Kind.ENGINE, "policy engine", "the policy engine is shut down");
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** This worker's usable context for the limit, replacing a broken one. */
    private SandboxContext context(long maxStatements) {
        Map<Long, SandboxContext> contexts = owned.get();
        SandboxContext context = contexts.get(maxStatements);
        if (context != null && !context.usable()) {
            context.close();
            contexts.remove(maxStatements);
            context = null;
        }
        if (context == null) {
            context = opener.apply(maxStatements);
            contexts.put(maxStatements, context);
        }
        return context;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
