package dev.sluice.kernel.js;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One hook call in progress, as the {@link CallWatchdog} sees it. Stopping it
 * and finishing it are serialised, so that an interrupt meant for this call can never reach the
 * next call on the same context.
 */
final class RunningCall {
    private static final Logger LOG = Logger.getLogger(RunningCall.class.getName());
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(1);

    private final SandboxContext context;
    private final PolicyLimits limits;
    private final long startNanos;
    /** The platform thread whose allocation counter the call is measured on; {@code null} if none. */
    private final Thread counting;
    private final long startAllocated;
    private PolicyException.Kind breach;
    private boolean finished;

    RunningCall(SandboxContext context, PolicyLimits limits, long startNanos, Thread counting, long startAllocated) {
        this.context = context;
        this.limits = limits;
        this.startNanos = startNanos;
        this.counting = counting;
        this.startAllocated = startAllocated;
    }

    SandboxContext context() {
        return context;
    }

    PolicyLimits limits() {
        return limits;
    }

    long startNanos() {
        return startNanos;
    }

    Thread counting() {
        return counting;
    }

    long startAllocated() {
        return startAllocated;
    }

    /** The limit the call broke, if the watchdog stopped it. */
    synchronized PolicyException.Kind breach() {
        return breach;
    }

    /** Called by the worker when the call has left the context. */
    synchronized void finish() {
        finished = true;
    }

    /**
     * Records the broken limit and stops the call on a thread of its own (an interrupt waits for
     * the guest code to stop); cancels the context when the interrupt does not take.
     */
    void stop(PolicyException.Kind kind) {
        synchronized (this) {
            if (finished || breach != null) {
                return;
            }
            breach = kind;
        }
        Thread.ofPlatform().daemon().name("sluice-js-interrupt").start(this::interrupt);
    }

    private synchronized void interrupt() {
        if (finished) {
            return;
        }
        try {
            context.interrupt(INTERRUPT_WAIT);
        } catch (TimeoutException e) {
            LOG.warning("a policy call did not stop within " + INTERRUPT_WAIT.toMillis() + "ms of an interrupt;"
                    + " cancelling its context");
            context.cancel();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "interrupting a policy call failed; cancelling its context", e);
            context.cancel();
        }
    }
}
