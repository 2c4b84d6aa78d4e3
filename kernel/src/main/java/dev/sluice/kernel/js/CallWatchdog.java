package dev.sluice.kernel.js;

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
 * a call is what its worker thread allocated since the call began (HotSpot counts bytes per
 * thread, so this costs no instrumentation).
 */
final class CallWatchdog implements AutoCloseable {
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** After this long without a call the watchdog sleeps until the next call wakes it. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

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
        long allocated = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        RunningCall call = new RunningCall(Thread.currentThread(), context, limits, System.nanoTime(), allocated);
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
                } else if (threads != null && threads.getThreadAllocatedBytes(call.thread().threadId())
                        - call.startAllocated() > call.limits().maxAllocation()) {
                    call.stop(PolicyException.Kind.ALLOCATION_LIMIT);
                }
            }
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
