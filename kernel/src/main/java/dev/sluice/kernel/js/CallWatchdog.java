package dev.sluice.kernel.js;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the wall-clock and allocation limits of running hook calls. One daemon thread looks at
 * every running call every 2 ms, and sleeps while no call has run for a second; the allocation of
 * a call is what its worker thread allocated since the call began (HotSpot counts bytes per
 * thread, so this costs no instrumentation).
 */
final class CallWatchdog implements AutoCloseable {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** After this many ticks without a call the watchdog sleeps until the next call wakes it. */
    private static final int IDLE_TICKS = 500;

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
        int idle = 0;
        while (open) {
            if (idle >= IDLE_TICKS && running.isEmpty()) {
                sleeping = true;
                if (running.isEmpty()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                idle = 0;
            } else {
                LockSupport.parkNanos(TICK_NANOS);
            }
            idle = running.isEmpty() ? idle + 1 : 0;
            long now = System.nanoTime();
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
