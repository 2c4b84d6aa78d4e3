package dev.sluice.testkit;

import java.time.Duration;
import java.util.Optional;

/**
 * The checks an inference request goes through before the fake answers it, in the order
 * OpenAI applies them: authentication, then (our addition) an injected failure, then body
 * validation. Injected failures come before validation because they model an upstream that
 * is down, which answers whatever it is sent.
 */
final class RequestGuard {

    private RequestGuard() {
    }

    /** Why a request is refused, and the {@code retry-after} to send with the refusal, if any. */
    record Rejection(OpenAiErrors.ApiError error, Duration retryAfter) {
    }

    static Optional<Rejection> check(RecordedRequest request, ResponsePlan plan, String requiredParameter) {
        if (plan.requiredApiKey() != null) {
            Optional<String> auth = request.header("authorization");
            if (auth.isEmpty() || !auth.get().startsWith("Bearer ")) {
                return reject(OpenAiErrors.missingApiKey());
            }
            String given = auth.get().substring("Bearer ".length()).trim();
            if (!given.equals(plan.requiredApiKey())) {
                return reject(OpenAiErrors.incorrectApiKey(given));
            }
        }
        ResponsePlan.Failure failure = plan.failure();
        if (failure != null) {
            return Optional.of(new Rejection(
                    OpenAiErrors.forStatus(failure.status(), request.model(), failure.retryAfter()),
                    failure.retryAfter()));
        }
        if (!request.body().isObject()) {
            return reject(OpenAiErrors.invalidJson());
        }
        if (request.model() == null) {
            return reject(OpenAiErrors.missingModel());
        }
        if (!request.body().has(requiredParameter)) {
            return reject(OpenAiErrors.missingParameter(requiredParameter));
        }
        return Optional.empty();
    }

    /** Sleeps for the configured latency; a zero duration costs nothing. */
    static void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration);
        }
    }

    private static Optional<Rejection> reject(OpenAiErrors.ApiError error) {
        return Optional.of(new Rejection(error, null));
    }
}
