package dev.sluice.kernel.audit;

import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.Exchange;
import java.time.Instant;
import java.util.Optional;

/**
 * How one request ended, as the inbound handler saw it: everything the audit record needs that
 * the exchange does not hold, and the exchange itself when the request got that far (a request
 * refused before its body was parsed has none).
 *
 * @param requestId the request id
 * @param receivedAt when it arrived
 * @param startNanos {@link System#nanoTime()} when it arrived
 * @param inbound the API the client spoke
 * @param operation chat or embeddings
 * @param exchange the exchange, when one was built
 * @param modelRequested the model the client asked for, before any policy changed it
 * @param result the answer, when there was one
 * @param error the error the client got, when it got one
 * @param traceparent the client's W3C {@code traceparent} header
 */
public record RequestEnd(String requestId, Instant receivedAt, long startNanos, InboundApi inbound,
        Operation operation, Optional<Exchange> exchange, Optional<String> modelRequested, Optional<Result> result,
        Optional<GatewayException> error, Optional<String> traceparent) {
}
