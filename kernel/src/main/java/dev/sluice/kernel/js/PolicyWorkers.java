package dev.sluice.kernel.js;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where JavaScript runs: on the calling thread itself while it can, else on a small pool of
 * platform worker threads.
 *
 * <p><b>On the caller's thread.</b> Up to {@code sluice.js.inline_calls} calls at once (half the
 * cores, at least 1, unless set) run on the thread that asks, with a spare context taken from a pool
 * and given back after the call. That saves the hand-off to another core and back, and with it the
 * other core's stalls. A caller runs its call itself only where the watchdog can count what it
 * allocates: a platform thread always, a virtual thread when the JVM lets the gateway see the
 * carrier thread it is mounted on and pin it there for the call ({@code --add-opens
 * java.base/java.lang=ALL-UNNAMED --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, which
 * {@code bin/sluice} sets), since HotSpot counts a virtual thread's bytes on its carrier. The limit
 * (half the cores) keeps the other cores free for other requests while calls run on carriers. Spare contexts are built and
 * warmed by the workers, never by a request: a call that finds none hands off instead.
 *
 * <p><b>On a worker.</b> Each worker owns its contexts, one per statement limit in use, so a
 * context is only ever touched by its own thread; a worker builds its default context before it
 * takes its first task, so requests do not wait for a cold context.
 *
 * <p>A call is a hand-off to a worker and back, and a hand-off that has to wake a parked thread
 * costs more than a typical policy call. So both sides spin briefly before they park: an idle
 * worker keeps polling for new calls for {@code sluice.js.worker_spin_us} (default 50 µs) after
 * its last one, and a caller polls for its result for {@code sluice.js.caller_spin_us} (default
 * 50 µs) before it parks. At most half the cores' worth of workers and half of callers spin at
 * once, so that spinning threads never crowd out the ones doing the work.
 */
final class PolicyWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PolicyWorkers.class.getName());

    /** Warm-up calls per worker, unless set with {@code -Dsluice.js.warm_up=N}. */
    static final int WARM_UP_CALLS = Integer.getInteger("sluice.js.warm_up", 300);
    private static final long WORKER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("sluice.js.worker_spin_us", 50));
    private static final long CALLER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("sluice.js.caller_spin_us", 50));
    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int REPLACEMENT_WARM_UP_CALLS = 10;
    /**
     * Calls that may run on their callers' threads at once: {@code -Dsluice.js.inline_calls=N}, half
     * the cores (at least 1) unless set; 0 hands every call to a worker.
     */
    static final int INLINE_CALLS = Integer.getInteger("sluice.js.inline_calls", MAX_SPINNERS);

    private final LongFunction<SandboxContext> opener;
    private final long defaultStatements;
    private final int warmUpCalls;
    private final ThreadLocal<Map<Long, SandboxContext>> owned = ThreadLocal.withInitial(HashMap::new);
    private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> parked = new ConcurrentLinkedDeque<>();
    private final AtomicInteger spinningCallers = new AtomicInteger();
    private final AtomicInteger spinningWorkers = new AtomicInteger();
    /** Workers awake and looking for a task (spinning, or between a task and parking). */
    private final AtomicInteger searching = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final int inlineCalls;
    /** Calls that may still start on their caller's thread. */
    private final AtomicInteger inlineFree;
    /** Spare contexts for calls on callers' threads, by statement limit. */
    private final Map<Long, Spares> spares = new ConcurrentHashMap<>();
    /** The spares of the default statement limit, found without a map lookup. */
    private final Spares defaultSpares;
    private final LongAdder ranInline = new LongAdder();
    private final LongAdder handedOff = new LongAdder();
    private volatile boolean open = true;

    /**
     * @param threads how many workers
     * @param opener builds a locked-down context for a statement limit
     * @param defaultStatements the statement limit whose context each worker builds up front
     * @param warmUpCalls the warm-up calls each worker makes on that context before serving
     * @param inlineCalls how many calls may run on their callers' threads at once (0: none)
     */
    PolicyWorkers(int threads, LongFunction<SandboxContext> opener, long defaultStatements, int warmUpCalls,
            int inlineCalls) {
        this.opener = opener;
        this.defaultStatements = defaultStatements;
        this.warmUpCalls = warmUpCalls;
        this.inlineCalls = inlineCalls;
        this.inlineFree = new AtomicInteger(inlineCalls);
        this.defaultSpares = spares.computeIfAbsent(defaultStatements, Spares::new);
        for (int i = 1; i <= threads; i++) {
            this.threads.add(Thread.ofPlatform().daemon().name("sluice-js-" + i).start(this::work));
        }
        if (inlineCalls > 0) {
            defaultSpares.prepare();
        }
    }

    private void work() {
        try {
            context(defaultStatements).warmUp(warmUpCalls);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a JavaScript policy worker could not prepare its context", e);
        }
        searching.incrementAndGet();
        try {
            while (open) {
                Task<?> task = next();
                if (task != null) {
                    task.runOn(this);
                    // Counted as searching before the caller sees the result, so that the
                    // caller's next call does not wake a parked worker while this one looks.
                    searching.incrementAndGet();
                    task.finish();
                }
            }
        } finally {
            owned.get().values().forEach(SandboxContext::close);
            owned.get().clear();
            for (Task<?> left; (left = tasks.poll()) != null; ) {
                left.fail(shutDown());
            }
        }
    }

    /**
     * The next task for a searching worker: polled, then spun for, then parked for; {@code null}
     * when woken without one. The worker stops counting as searching when it has a task.
     */
    private Task<?> next() {
        Task<?> task = tasks.poll();
        if (task == null) {
            if (spinningWorkers.incrementAndGet() <= MAX_SPINNERS) {
                long deadline = System.nanoTime() + WORKER_SPIN_NANOS;
                while ((task = tasks.poll()) == null && System.nanoTime() < deadline && open) {
                    Thread.onSpinWait();
                }
            }
            spinningWorkers.decrementAndGet();
        }
        if (task == null) {
            Thread self = Thread.currentThread();
            parked.push(self);
            searching.decrementAndGet();
            task = tasks.poll();
            if (task == null && open) {
                LockSupport.park(this);
            }
            parked.remove(self);
            searching.incrementAndGet();
            if (task == null) {
                task = tasks.poll();
            }
        }
        if (task != null) {
            searching.decrementAndGet();
            if (!tasks.isEmpty()) {
                wakeOne();
            }
        }
        return task;
    }

    /**
     * Runs a task with a context for the statement limit: on this thread when it may (see the class
     * comment), else on a worker, waiting for it. Exceptions the task throws are rethrown here.
     */
    <T> T run(long maxStatements, Function<SandboxContext, T> work) {
        if (!open) {
            throw shutDown();
        }
        if (inlineCalls > 0 && CallWatchdog.countsAllocationOf(Thread.currentThread())) {
            Spares pool = spares(maxStatements);
            SandboxContext spare = inlineFree.getAndDecrement() > 0 ? pool.take() : null;
            try {
                if (spare != null) {
                    return runHere(spare, work);
                }
            } finally {
                if (spare != null) {
                    pool.giveBack(spare);
                }
                inlineFree.incrementAndGet();
            }
        }
        handedOff.increment();
        return handOff(maxStatements, work);
    }

    /** Runs a task on this thread; a virtual thread stays on its carrier, where its bytes are counted. */
    private <T> T runHere(SandboxContext context, Function<SandboxContext, T> work) {
        ranInline.increment();
        if (!Thread.currentThread().isVirtual()) {
            return work.apply(context);
        }
        CallWatchdog.pin();
        try {
            return work.apply(context);
        } finally {
            CallWatchdog.unpin();
        }
    }

    /** Calls run on their callers' threads so far. */
    long ranInline() {
        return ranInline.sum();
    }

    /** Calls handed to a worker so far. */
    long handedOff() {
        return handedOff.sum();
    }

    /** Whether a spare context for the limit is free now; has one prepared if none is (for tests). */
    boolean spareFree(long maxStatements) {
        Spares limit = spares(maxStatements);
        if (limit.free.isEmpty()) {
            limit.prepare();
            return false;
        }
        return true;
    }

    private Spares spares(long maxStatements) {
        return maxStatements == defaultStatements ? defaultSpares : spares.computeIfAbsent(maxStatements, Spares::new);
    }

    private <T> T handOff(long maxStatements, Function<SandboxContext, T> work) {
        Task<T> task = new Task<>(maxStatements, true, work);
        tasks.offer(task);
        if (!open && tasks.remove(task)) {
            throw shutDown();
        }
        wakeOne();
        return task.await(spinningCallers);
    }

    /**
     * Wakes a parked worker unless one is searching already: a searching worker polls the queue
     * once more after it stops counting as searching and before it parks, so it cannot miss a task
     * offered before this check.
     */
    private void wakeOne() {
        if (searching.get() == 0) {
            Thread sleeper = parked.poll();
            if (sleeper != null) {
                LockSupport.unpark(sleeper);
            }
        }
    }

    private static PolicyException shutDown() {
        return new PolicyException(PolicyException.Kind.ENGINE, "policy engine", "the policy engine is shut down");
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
        open = false;
        spares.values().forEach(Spares::close);
        threads.forEach(LockSupport::unpark);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The spare contexts of one statement limit: at most as many as calls may run on callers'
     * threads at once, each built and warmed by a worker when a caller first finds none free.
     */
    private final class Spares {
        private final long maxStatements;
        private final ConcurrentLinkedDeque<SandboxContext> free = new ConcurrentLinkedDeque<>();
        /** Spares built, being built, or lent out. */
        private final AtomicInteger made = new AtomicInteger();
        /** Whether a spare was ever built: later ones replace a broken spare and need little warm-up. */
        private volatile boolean warm;

        Spares(long maxStatements) {
            this.maxStatements = maxStatements;
        }

        /** A usable spare, or {@code null} (and one more on its way, while there may be more). */
        SandboxContext take() {
            for (SandboxContext context; (context = free.pollFirst()) != null; ) {
                if (context.usable()) {
                    return context;
                }
                context.close();
                made.decrementAndGet();
            }
            prepare();
            return null;
        }

        /** Back to the pool: the most recently used first, whose caches are warmest. */
        void giveBack(SandboxContext context) {
            if (context.usable() && open) {
                free.offerFirst(context);
                if (!open) {
                    close();
                }
            } else {
                context.close();
                made.decrementAndGet();
            }
        }

        /** Has a worker build one more spare, unless there are enough. */
        void prepare() {
            int count = made.get();
            while (count < inlineCalls) {
                if (made.compareAndSet(count, count + 1)) {
                    tasks.offer(new Task<Void>(maxStatements, false, ignored -> {
                        build();
                        return null;
                    }));
                    wakeOne();
                    return;
                }
                count = made.get();
            }
        }

        private void build() {
            SandboxContext context = null;
            try {
                context = opener.apply(maxStatements);
                // The engine shares compiled code between contexts: a replacement needs only a
                // few calls to set up its own state.
                context.warmUp(warm ? Math.min(warmUpCalls, REPLACEMENT_WARM_UP_CALLS) : warmUpCalls);
                warm = true;
            } catch (RuntimeException | Error e) {
                if (context != null) {
                    context.close();
                }
                made.decrementAndGet();
                LOG.log(Level.WARNING, "a spare JavaScript policy context could not be prepared", e);
                return;
            }
            giveBack(context);
        }

        void close() {
            for (SandboxContext context; (context = free.pollFirst()) != null; ) {
                context.close();
            }
        }
    }

    /** One call handed to a worker, and the caller waiting for it. */
    private static final class Task<T> {
        private final long maxStatements;
        /** Whether the task runs in the worker's own context ({@code false}: it gets {@code null}). */
        private final boolean ownContext;
        private final Function<SandboxContext, T> work;
        private T value;
        private Throwable failure;
        private volatile boolean done;
        private volatile Thread waiter;

        Task(long maxStatements, boolean ownContext, Function<SandboxContext, T> work) {
            this.maxStatements = maxStatements;
            this.ownContext = ownContext;
            this.work = work;
        }

        /** Runs the task on a worker, in its context for the limit if the task needs one. */
        void runOn(PolicyWorkers worker) {
            try {
                value = work.apply(ownContext ? worker.context(maxStatements) : null);
            } catch (Throwable e) {
                // The task's failure, or that of a context that could not be built.
                failure = e;
            }
        }

        void fail(RuntimeException e) {
            failure = e;
            finish();
        }

        /** Hands the result to the caller. */
        void finish() {
            done = true;
            Thread parkedCaller = waiter;
            if (parkedCaller != null) {
                LockSupport.unpark(parkedCaller);
            }
        }

        T await(AtomicInteger spinning) {
            if (!done) {
                if (spinning.incrementAndGet() <= MAX_SPINNERS) {
                    long deadline = System.nanoTime() + CALLER_SPIN_NANOS;
                    while (!done && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
                spinning.decrementAndGet();
            }
            if (!done) {
                // The call is bounded by its time limit, so an interrupt waits for it too.
                boolean interrupted = false;
                waiter = Thread.currentThread();
                while (!done) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return value;
        }
    }
}
