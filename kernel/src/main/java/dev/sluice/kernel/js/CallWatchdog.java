package dev.sluice.kernel.js;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the wall-clock and allocation limits of running hook calls. One daemon thread looks at
 * every running call once a tick (a tenth of the shortest time limit in use, between 1 and 10 ms:
 * 10 ms for the default limit of 1 s), and sleeps while no call has run for a second; the allocation of
 * a call is what its thread allocated since the call began (HotSpot counts bytes per platform
 * thread, so this costs no instrumentation). A virtual thread's bytes are counted on the carrier
 * it is mounted on. A call on a virtual thread therefore pins it to its carrier for the whole call
 * ({@link #pin()}), so that no other virtual thread runs there meanwhile and the call cannot move
 * to another carrier; the carrier's counter then holds exactly the call's bytes. Both need the JVM
 * to open {@code java.lang} and export {@code jdk.internal.vm} to the gateway.
 */
final class CallWatchdog implements AutoCloseable {
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** After this long without a call the watchdog sleeps until the next call wakes it. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** {@code VirtualThread.carrierThread}, or {@code null} where {@code java.lang} is not open to us. */
    private static final VarHandle CARRIER = carrierHandle();
    /** {@code Continuation.pin()} and {@code unpin()}, or {@code null} where {@code jdk.internal.vm} is not exported to us. */
    private static final MethodHandle PIN = continuation("pin");
    private static final MethodHandle UNPIN = continuation("unpin");

    /** Every context a call has begun in, until the watchdog finds it closed between calls. */
    private final Set<SandboxContext> contexts = ConcurrentHashMap.newKeySet();
    private final com.sun.management.ThreadMXBean threads = allocationCounter();
    private final Thread thread;
    private volatile boolean open = true;
    private volatile boolean sleeping;

    CallWatchdog() {
        this.thread = Thread.ofPlatform().daemon().name("sluice-js-watchdog").unstarted(this::watch);
        thread.start();
    }

    /** Registers a call starting now on the current thread. */
    RunningCall begin(SandboxContext context, PolicyLimits limits) {
        Thread self = Thread.currentThread();
        Thread counting = counting(self);
        long allocated = threads == null || counting == null ? 0
                : counting == self ? threads.getCurrentThreadAllocatedBytes()
                : threads.getThreadAllocatedBytes(counting.threadId());
        RunningCall call = new RunningCall(context, limits, System.nanoTime(), counting, allocated);
        // The context's slot holds its call: a context runs one call at a time, and the thread
        // that has it is the only one that sets it.
        if (!context.watched) {
            contexts.add(context);
            context.watched = true;
        }
        context.running = call;
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return call;
    }

    /** Whether the watchdog is parked for lack of calls (for tests of its wake-up). */
    boolean isSleeping() {
        return sleeping;
    }

    /** Unregisters a call that has left its context. */
    void end(RunningCall call) {
        call.finish();
        call.context().running = null;
    }

    private void watch() {
        long lastBusy = System.nanoTime();
        while (open) {
            if (!anyRunning() && System.nanoTime() - lastBusy >= IDLE_NANOS) {
                sleeping = true;
                if (!anyRunning()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                lastBusy = System.nanoTime();
            } else {
                LockSupport.parkNanos(tick());
            }
            long now = System.nanoTime();
            for (SandboxContext context : contexts) {
                RunningCall call = context.running;
                if (call == null) {
                    if (!context.usable()) {
                        contexts.remove(context);
                    }
                    continue;
                }
                lastBusy = now;
                if (now - call.startNanos() > call.limits().timeout().toNanos()) {
                    call.stop(PolicyException.Kind.TIMEOUT);
                } else if (threads != null) {
                    checkAllocation(call);
                }
            }
        }
    }

    private void checkAllocation(RunningCall call) {
        Thread counting = call.counting();
        if (counting != null && threads.getThreadAllocatedBytes(counting.threadId()) - call.startAllocated()
                > call.limits().maxAllocation()) {
            call.stop(PolicyException.Kind.ALLOCATION_LIMIT);
        }
    }

    /**
     * Whether the watchdog can count what a thread allocates: always for a platform thread, for a
     * virtual one only when the JVM lets the gateway see and pin its carrier.
     */
    static boolean countsAllocationOf(Thread thread) {
        return !thread.isVirtual() || CARRIER != null && PIN != null && UNPIN != null;
    }

    /**
     * Keeps the current virtual thread on its carrier until {@link #unpin()}: a blocking call then
     * blocks the carrier instead of freeing it for another virtual thread. Only where
     * {@link #countsAllocationOf} holds for the thread.
     */
    static void pin() {
        try {
            PIN.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot pin a virtual thread to its carrier", e);
        }
    }

    /** Ends a {@link #pin()}. */
    static void unpin() {
        try {
            UNPIN.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot unpin a virtual thread", e);
        }
    }

    /** The platform thread whose counter holds what a thread allocates now; {@code null} if unknown. */
    private static Thread counting(Thread thread) {
        if (!thread.isVirtual()) {
            return thread;
        }
        return CARRIER == null ? null : (Thread) CARRIER.getVolatile(thread);
    }

    private static MethodHandle continuation(String method) {
        try {
            return MethodHandles.lookup().findStatic(Class.forName("jdk.internal.vm.Continuation"), method,
                    MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static VarHandle carrierHandle() {
        try {
            Class<?> virtual = Class.forName("java.lang.VirtualThread");
            return MethodHandles.privateLookupIn(virtual, MethodHandles.lookup())
                    .findVarHandle(virtual, "carrierThread", Thread.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A tenth of the shortest time limit among running calls, between 1 and 10 ms. */
    private long tick() {
        long tick = MAX_TICK_NANOS;
        for (SandboxContext context : contexts) {
            RunningCall call = context.running;
            if (call != null) {
                tick = Math.min(tick, Math.max(MIN_TICK_NANOS, call.limits().timeout().toNanos() / 10));
            }
        }
        return tick;
    }

    private boolean anyRunning() {
        for (SandboxContext context : contexts) {
            if (context.running != null) {
                return true;
            }
        }
        return false;
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean counting && counting.isThreadAllocatedMemorySupported()) {
            counting.setThreadAllocatedMemoryEnabled(true);
            return counting;
        }
        return null;
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(thread);
    }
}
