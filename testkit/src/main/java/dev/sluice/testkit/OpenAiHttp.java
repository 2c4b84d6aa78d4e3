package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;

/**
 * Writes non-streaming answers with the response headers api.openai.com sends, so a gateway
 * that relays or inspects them ({@code x-request-id}, {@code x-ratelimit-*},
 * {@code retry-after}) is exercised against realistic values.
 */
final class OpenAiHttp {

    static final String JSON = "application/json";
    /** What api.openai.com answers a streaming request with. */
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private OpenAiHttp() {
    }

    /** Headers every OpenAI answer carries, success or error, streaming or not. */
    static void commonHeaders(ServerResponse res, long startedNanos) {
        long elapsedMs = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        res.header("x-request-id", OpenAiJson.requestId());
        res.header("openai-organization", "org-fakeupstream");
        res.header("openai-processing-ms", Long.toString(elapsedMs));
        res.header("openai-version", "2020-10-01");
        res.header("x-ratelimit-limit-requests", "10000");
        res.header("x-ratelimit-limit-tokens", "30000000");
        res.header("x-ratelimit-remaining-requests", "9999");
        res.header("x-ratelimit-remaining-tokens", "29999990");
        res.header("x-ratelimit-reset-requests", "6ms");
        res.header("x-ratelimit-reset-tokens", "0s");
    }

    static void sendJson(ServerResponse res, int status, JsonNode body, long startedNanos) {
        commonHeaders(res, startedNanos);
        res.status(status);
        res.header("content-type", JSON);
        res.send(OpenAiJson.pretty(body));
    }

    /**
     * Sends an error body. {@code retry-after} carries whole seconds (rounded up, as HTTP
     * requires); {@code retry-after-ms} carries the exact wait, which OpenAI's own SDKs
     * read first, so sub-second waits stay exact for fast tests.
     */
    static void sendError(ServerResponse res, OpenAiErrors.ApiError error, Duration retryAfter, long startedNanos) {
        if (retryAfter != null) {
            long millis = retryAfter.toMillis();
            res.header("retry-after", Long.toString((millis + 999) / 1000));
            res.header("retry-after-ms", Long.toString(millis));
        }
        sendJson(res, error.status(), error.body(), startedNanos);
    }
}
