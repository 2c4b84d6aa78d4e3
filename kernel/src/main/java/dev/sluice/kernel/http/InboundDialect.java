package dev.sluice.kernel.http;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.NativeRequest;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.model.ModelRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * What differs between the inbound APIs: how a request body becomes a canonical request, and how
 * answers and errors are written back in the client's own format. {@link InboundHandler} does
 * everything else the same way for every dialect.
 */
public interface InboundDialect {

    /** The dialect. */
    InboundApi api();

    /**
     * Parses and checks a request body: the canonical request, and the client's own request when
     * it was translated (kept on the exchange as its {@link NativeRequest}).
     *
     * @throws GatewayException with {@link dev.sluice.spi.ErrorType#INVALID_REQUEST} naming the fault
     */
    Parsed read(byte[] body, Operation operation);

    /**
     * A parsed request body.
     *
     * @param request the canonical request
     * @param nativeRequest the client's request, when it was not canonical already
     */
    record Parsed(ModelRequest request, Optional<NativeRequest> nativeRequest) {

        /** A request that was canonical already. */
        public static Parsed canonical(ModelRequest request) {
            return new Parsed(request, Optional.empty());
        }
    }

    /** Writes a successful result: a complete answer or a stream. */
    void answer(ServerResponse res, Exchange exchange, Result result);

    /** Writes an error as the whole response. */
    void error(ServerResponse res, GatewayException e, String requestId);
}
