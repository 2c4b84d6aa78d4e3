package dev.sluice.kernel.js;

import java.lang.invoke.MethodHandles;
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
 * it is mounted on, which the gateway can see only when the JVM opens {@code java.lang} to it; the
 * watchdog follows a call to a new carrier should its thread move.
 */
final class CallWatchdog implements AutoCloseable {
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** After this long without a call the watchdog sleeps until the next call wakes it. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** {@code VirtualThread.carrierThread}, or {@code null} where {@code java.lang} is not open to us. */
    private static final VarHandle CARRIER = carrierHandle();

    private final Set<RunningCall> running = ConcurrentHashMap.newKeySet();
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
        RunningCall call = new RunningCall(self, context, limits, System.nanoTime(), counting, allocated);
        running.add(call);
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
        running.remove(call);
    }

    private void watch() {
        long lastBusy = System.nanoTime();
        while (open) {
            if (running.isEmpty() && System.nanoTime() - lastBusy >= IDLE_NANOS) {
                sleeping = true;
                if (running.isEmpty()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                lastBusy = System.nanoTime();
            } else {
                LockSupport.parkNanos(tick());
            }
            long now = System.nanoTime();
            if (!running.isEmpty()) {
                lastBusy = now;
            }
            for (RunningCall call : running) {
                if (now - call.startNanos() > call.limits().timeout().toNanos()) {
                    call.stop(PolicyException.Kind.TIMEOUT);
                } else if (threads != null) {
                    checkAllocation(call);
                }
            }
        }
    }

    private void checkAllocation(RunningCall call) {
        Thread counting = counting(call.thread());
        if (counting == null) {
            return;
        }
        long allocated = threads.getThreadAllocatedBytes(counting.threadId());
        if (counting != call.counting()) {
            // A virtual thread moved to another carrier: count from here on that one.
            call.countOn(counting, allocated);
        } else if (allocated - call.startAllocated() > call.limits().maxAllocation()) {
            call.stop(PolicyException.Kind.ALLOCATION_LIMIT);
        }
    }

    /**
     * Whether the watchdog can count what a thread allocates: always for a platform thread, for a
     * virtual one only when the JVM opens {@code java.lang} to the gateway.
     */
    static boolean countsAllocationOf(Thread thread) {
        return !thread.isVirtual() || CARRIER != null;
    }

    /** The platform thread whose counter holds what a thread allocates now; {@code null} if unknown. */
    private static Thread counting(Thread thread) {
        if (!thread.isVirtual()) {
            return thread;
        }
        return CARRIER == null ? null : (Thread) CARRIER.getVolatile(thread);
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
        for (RunningCall call : running) {
            tick = Math.min(tick, Math.max(MIN_TICK_NANOS, call.limits().timeout().toNanos() / 10));
        }
        return tick;
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
