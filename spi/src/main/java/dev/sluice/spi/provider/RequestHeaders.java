package dev.sluice.spi.provider;

import java.util.Map;
import java.util.TreeMap;

/**
 * The headers of a provider's requests with a JSON body, made once when the provider is made:
 * {@code Content-Type: application/json}, an {@code Accept} for a whole answer or for an event
 * stream, the provider's own headers (its key, its API version), then the configured extra
 * headers, which win over all of these. Names compare case-insensitively while they are merged,
 * and a name keeps the spelling it was first given. Both maps are immutable, so
 * {@link dev.sluice.spi.http.UpstreamRequest} takes them as they are, without a copy per request.
 * <pre>{@code
 * RequestHeaders headers = RequestHeaders.of(Map.of("x-api-key", key), config.http().headers());
 * calls.send(UpstreamRequest.post(uri, headers.complete(), body));
 * calls.openStream(UpstreamRequest.post(uri, headers.stream(), body));
 * }</pre>
 *
 * @param complete for requests answered whole ({@code Accept: application/json})
 * @param stream for requests answered as server-sent events ({@code Accept: text/event-stream})
 */
public record RequestHeaders(Map<String, String> complete, Map<String, String> stream) {
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    /** Keeps immutable copies (a map that already is one is kept as it is). */
    public RequestHeaders {
        complete = Map.copyOf(complete);
        stream = Map.copyOf(stream);
    }

    /**
     * The headers for both kinds of request.
     *
     * @param own the provider's own headers, such as its key; they win over the content headers
     * @param configured the configured extra headers ({@link HttpSettings#headers()}); they win over all
     */
    public static RequestHeaders of(Map<String, String> own, Map<String, String> configured) {
        return new RequestHeaders(merged(JSON, own, configured), merged(EVENT_STREAM, own, configured));
    }

    private static Map<String, String> merged(String accept, Map<String, String> own, Map<String, String> configured) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("Content-Type", JSON);
        all.put("Accept", accept);
        all.putAll(own);
        all.putAll(configured);
        return Map.copyOf(all);
    }
}
