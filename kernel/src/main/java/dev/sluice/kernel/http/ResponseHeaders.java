package dev.sluice.kernel.http;

import dev.sluice.spi.Exchange;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The {@code x-sluice-*} response headers of the contract, plus any header a chain step added.
 * Set before the first byte of the body.
 */
final class ResponseHeaders {
    static final HeaderName PROVIDER = HeaderNames.create("x-sluice-provider");
    static final HeaderName MODEL = HeaderNames.create("x-sluice-model");
    static final HeaderName CACHE = HeaderNames.create("x-sluice-cache");
    static final HeaderName ATTEMPTS = HeaderNames.create("x-sluice-attempts");
    static final HeaderName ROUTE = HeaderNames.create("x-sluice-route");

    private ResponseHeaders() {
    }

    static void apply(ServerResponse res, Exchange exchange) {
        exchange.servedBy().ifPresent(target -> {
            res.header(PROVIDER, target.provider());
            res.header(MODEL, target.model());
        });
        exchange.routeName().ifPresent(route -> res.header(ROUTE, route));
        res.header(CACHE, exchange.cacheStatus());
        res.header(ATTEMPTS, Integer.toString(exchange.attempts().size()));
        for (Map.Entry<String, String> header : exchange.responseHeaders().entrySet()) {
            res.header(HeaderNames.create(header.getKey()), header.getValue());
        }
    }
}
