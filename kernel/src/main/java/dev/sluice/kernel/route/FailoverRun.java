package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.config.GatewayConfig.Hedge;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth.State;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ModelRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request's way through its route's targets: launch an attempt, wait for it (or, with
 * hedging, for the first of several), and on a failure that fails over launch the next, until one
 * answers, the attempts or the time budget run out, or a failure ends the request. Belongs to the
 * request's thread.
 */
final class FailoverRun {
    private static final Logger LOG = Logger.getLogger(FailoverRun.class.getName());
    /** Stands for "no recorded answer JSON": matches no real answer by identity. */
    private static final Object RACED = new Object();

    private final Exchange exchange;
    private final String routeName;
    private final FailoverConfig failover;
    private final Optional<Hedge> hedge;
    private final Map<String, Provider> providers;
    private final List<Candidate> candidates;
    private final boolean apart;
    private final long budgetEnd;
    private final List<AttemptCall> running = new ArrayList<>(2);
    private final BlockingQueue<AttemptCall> done;
    private final FailureSummary failures = new FailureSummary();
    private final Retries retries;
    private int attempts;
    private int next;
    private long lastLaunch;
    private boolean outOfTime;
    private boolean raced;

    FailoverRun(Exchange exchange, CompiledRoute route, Map<String, Provider> providers, List<Candidate> candidates) {
        this.exchange = exchange;
        this.routeName = route.route().name();
        this.failover = route.failover();
        this.hedge = route.options().hedge();
        this.providers = providers;
        this.candidates = candidates;
        this.apart = failover.hasDeadline() || hedge.isPresent();
        this.done = apart ? new LinkedBlockingQueue<>() : null;
        this.budgetEnd = failover.totalTimeout().map(t -> exchange.startNanos() + t.toNanos()).orElse(Long.MAX_VALUE);
        this.retries = new Retries(failover.backoff(), failover.retries());
    }

    Result run() {
        try {
            while (true) {
                if (running.isEmpty()) {
                    AttemptCall call = launchNext();
                    if (call == null) {
                        break;
                    }
                    if (!apart) {
                        Result result = settle(call);
                        if (result != null) {
                            return result;
                        }
                    }
                    continue;
                }
                AttemptCall finished = awaitAny();
                if (finished != null) {
                    Result result = settle(finished);
                    if (result != null) {
                        return result;
                    }
                } else {
                    onTimers();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonAll("the request was interrupted");
            throw new GatewayException(ErrorType.UNAVAILABLE, "the gateway is shutting down");
        }
        throw failures.exhausted(routeName, attempts, outOfTime ? failover.totalTimeout() : Optional.empty());
    }

    /** The next attempt in the order, or a retry after its backoff; null when there is none. */
    private AttemptCall launchNext() throws InterruptedException {
        while (next < candidates.size()) {
            if (!mayStart()) {
                return null;
            }
            AttemptCall call = launch(candidates.get(next++));
            if (call != null) {
                return call;
            }
        }
        while (mayStart()) {
            Optional<Retries.Retry> retry = retries.pick(candidates, System.nanoTime(), budgetEnd);
            if (retry.isEmpty()) {
                return attempts == 0 ? forceFirst() : null;
            }
            long wait = retry.get().waitNanos();
            if (wait > 0) {
                LOG.log(Level.FINE, "request {0}: retrying {1} in {2}ms", new Object[] {exchange.id(),
                        retry.get().candidate().target().label(), wait / 1_000_000});
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // A retry skipped now (its probe taken meanwhile) ends the retries.
            return launch(retry.get().candidate());
        }
        return null;
    }

    /** Every target was skipped (its probe busy): try the first anyway rather than fail untried. */
    private AttemptCall forceFirst() {
        if (candidates.isEmpty() || outOfTime) {
            return null;
        }
        return start(candidates.get(0), false);
    }

    private boolean mayStart() {
        if (attempts >= failover.maxAttempts()) {
            return false;
        }
        if (System.nanoTime() >= budgetEnd) {
            outOfTime = true;
            return false;
        }
        return true;
    }

    /** Starts an attempt, or returns null when the target must be skipped now. */
    private AttemptCall launch(Candidate candidate) {
        boolean probe = false;
        State state = candidate.state();
        if (candidate.forced() || state == State.HALF_OPEN) {
            probe = candidate.takeProbe();
            if (!probe && !candidate.forced()) {
                LOG.log(Level.FINE, "request {0}: skipping {1}: its breaker is half open and its probe is taken",
                        new Object[] {exchange.id(), candidate.target().label()});
                return null;
            }
        } else if (state == State.OPEN) {
            LOG.log(Level.FINE, "request {0}: skipping {1}: its breaker is open",
                    new Object[] {exchange.id(), candidate.target().label()});
            return null;
        }
        return start(candidate, probe);
    }

    private AttemptCall start(Candidate candidate, boolean probe) {
        Target target = candidate.target();
        long now = System.nanoTime();
        long deadline = Math.min(budgetEnd, failover.firstTokenTimeout().map(t -> now + t.toNanos())
                .orElse(Long.MAX_VALUE));
        AttemptCall call = new AttemptCall(candidate, probe, now, deadline);
        attempts++;
        candidate.started();
        lastLaunch = now;
        ModelRequest request = exchange.request().withModel(target.model());
        Provider provider = providers.get(target.provider());
        if (apart) {
            running.add(call);
            call.runApart(provider, request, exchange, failover.stallTimeout(), done);
        } else {
            call.runHere(provider, request, exchange, failover.stallTimeout());
            exchange.addUpstreamNanos(call.endNanos() - now);
        }
        return call;
    }

    /** Waits for an attempt to return, or for the next timer (deadline, hedge); null on a timer. */
    private AttemptCall awaitAny() throws InterruptedException {
        long wake = Long.MAX_VALUE;
        for (AttemptCall call : running) {
            wake = Math.min(wake, call.deadlineNanos());
        }
        wake = Math.min(wake, hedgeAt());
        long start = System.nanoTime();
        try {
            if (wake == Long.MAX_VALUE) {
                return done.take();
            }
            return done.poll(Math.max(0, wake - start), TimeUnit.NANOSECONDS);
        } finally {
            exchange.addUpstreamNanos(System.nanoTime() - start);
        }
    }

    /** When the next hedged attempt is due, or {@link Long#MAX_VALUE} when none may be sent. */
    private long hedgeAt() {
        if (hedge.isEmpty() || running.size() > hedge.get().max() || next >= candidates.size()
                || attempts >= failover.maxAttempts()) {
            return Long.MAX_VALUE;
        }
        Optional<Duration> delay = hedge.get().after().or(() -> running.get(0).candidate().p95());
        return delay.map(d -> lastLaunch + d.toNanos()).orElse(Long.MAX_VALUE);
    }

    private void onTimers() {
        long now = System.nanoTime();
        for (AttemptCall call : List.copyOf(running)) {
            if (now >= call.deadlineNanos()) {
                running.remove(call);
                call.abandon();
                boolean budget = call.deadlineNanos() == budgetEnd && budgetEnd != Long.MAX_VALUE;
                Target target = call.candidate().target();
                UpstreamException timeout = budget
                        ? TimeoutErrors.budget(target, failover.totalTimeout().orElseThrow())
                        : TimeoutErrors.firstToken(target, failover.firstTokenTimeout().orElseThrow(), isStream());
                failed(call, timeout, now);
            }
        }
        if (now >= budgetEnd) {
            outOfTime = true;
            for (AttemptCall call : List.copyOf(running)) {
                running.remove(call);
                call.abandon();
                failed(call, TimeoutErrors.budget(call.candidate().target(), failover.totalTimeout().orElseThrow()), now);
            }
            return;
        }
        if (!running.isEmpty() && now >= hedgeAt()) {
            while (next < candidates.size() && mayStart()) {
                AttemptCall hedged = launch(candidates.get(next++));
                if (hedged != null) {
                    raced = true;
                    LOG.log(Level.FINE, "request {0}: hedging with {1}",
                            new Object[] {exchange.id(), hedged.candidate().target().label()});
                    break;
                }
            }
        }
    }

    /** Handles an attempt that returned: the answer (returned), or a failure (null, or thrown). */
    private Result settle(AttemptCall call) {
        running.remove(call);
        Candidate candidate = call.candidate();
        Target target = candidate.target();
        long latency = call.endNanos() - call.startNanos();
        Throwable failure = call.failure();
        if (failure == null) {
            abandonAll("another attempt answered first");
            candidate.succeeded(latency, call.result() instanceof Result.Stream, call.probe());
            exchange.addAttempt(new Attempt(target.provider(), target.model(), 200, Optional.empty(), latency / 1_000_000));
            exchange.servedBy(target);
            if (raced) {
                // A loser may have recorded its answer's JSON at the same moment as the winner; send
                // the winner's answer written out rather than trust bytes that may be the loser's.
                exchange.answerJson(RACED, null);
            }
            return call.result();
        }
        if (failure instanceof UpstreamException e) {
            boolean failOver = e.upstreamStatus() < 300 || failover.onStatus().contains(e.upstreamStatus());
            if (!failOver) {
                abandonAll("the request failed");
                candidate.abandoned(call.probe());
                record(call, e.upstreamStatus(), e.getMessage(), call.endNanos());
                throw UpstreamErrors.forClient(e);
            }
            LOG.log(Level.FINE, "request {0}: {1} failed, trying the next target: {2}",
                    new Object[] {exchange.id(), target.label(), e.getMessage()});
            failed(call, e, call.endNanos());
            return null;
        }
        abandonAll("the request failed");
        candidate.abandoned(call.probe());
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    private void failed(AttemptCall call, UpstreamException e, long at) {
        call.candidate().failed(e, at, call.probe());
        record(call, e.upstreamStatus(), e.getMessage(), at);
        failures.add(call.candidate().target(), e);
    }

    private void record(AttemptCall call, int status, String error, long at) {
        Target target = call.candidate().target();
        exchange.addAttempt(new Attempt(target.provider(), target.model(), status, Optional.of(error),
                Math.max(0, at - call.startNanos()) / 1_000_000));
    }

    /** Abandons every running attempt, recording each without a verdict on its target. */
    private void abandonAll(String why) {
        long now = System.nanoTime();
        for (AttemptCall call : running) {
            call.abandon();
            call.candidate().abandoned(call.probe());
            record(call, 0, "abandoned: " + why, now);
        }
        running.clear();
    }

    private boolean isStream() {
        return exchange.request() instanceof ChatRequest chat && chat.isStream();
    }
}
