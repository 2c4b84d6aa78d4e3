package dev.sluice.spi.provider;

import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The calls every HTTP provider makes, with failures already turned into
 * {@link dev.sluice.spi.UpstreamException}s by the provider's {@link UpstreamErrors}:
 * <pre>{@code
 * try (UpstreamResponse res = calls.send(UpstreamRequest.post(uri, headers, body))) {
 *     JsonNode answer = calls.json(res);          // non-2xx → UpstreamException
 *     return translate(answer);
 * }
 * UpstreamResponse events = calls.openStream(UpstreamRequest.post(uri, headers, body));
 * }</pre>
 */
public final class UpstreamCalls {
    private static final String JSON = "application/json";

    private final UpstreamClient http;
    private final UpstreamErrors errors;
    private final Function<UpstreamResponse, UpstreamException> answered;

    /** Calls through {@code http} whose failures {@code errors} translates. */
    public UpstreamCalls(UpstreamClient http, UpstreamErrors errors) {
        this(http, errors, errors::answered);
    }

    /**
     * Calls whose non-2xx answers are read by {@code answered} rather than by
     * {@link UpstreamErrors#answered}, for an upstream whose error bodies say more than that reads
     * (such as a retry delay given only in the body). Every other failure still goes to
     * {@code errors}.
     */
    public UpstreamCalls(UpstreamClient http, UpstreamErrors errors,
            Function<UpstreamResponse, UpstreamException> answered) {
        this.http = http;
        this.errors = errors;
        this.answered = answered;
    }

    /** The provider's error translator. */
    public UpstreamErrors errors() {
        return errors;
    }

    /** Sends a request; a failure to connect or a timeout becomes an unreachable error. */
    public UpstreamResponse send(UpstreamRequest request) {
        try {
            return http.send(request);
        } catch (UncheckedIOException e) {
            throw errors.unreachable(e);
        }
    }

    /** The whole body of a 2xx answer; any other status is thrown as the upstream's error. */
    public byte[] body(UpstreamResponse response) {
        if (!isSuccess(response.status())) {
            throw answered.apply(response);
        }
        try {
            return response.bytes();
        } catch (UncheckedIOException e) {
            throw errors.unreachable(e);
        }
    }

    /** The JSON body of a 2xx answer as a tree. */
    public JsonNode json(UpstreamResponse response) {
        byte[] body = body(response);
        try {
            return Json.tree(body);
        } catch (IOException e) {
            throw errors.unreadable(response.status(), e);
        }
    }

    /**
     * Sends a streaming request and returns the response once it is known to be a 2xx event
     * stream; otherwise closes it and throws the upstream's error.
     */
    public UpstreamResponse openStream(UpstreamRequest request) {
        UpstreamResponse response = send(request);
        try {
            if (!isSuccess(response.status())) {
                throw answered.apply(response);
            }
            if (response.header("content-type")
                    .filter(type -> type.toLowerCase(Locale.ROOT).startsWith(JSON)).isPresent()) {
                throw errors.jsonInsteadOfStream(response);
            }
            return response;
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** Whether an HTTP status is a success. */
    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }
}
