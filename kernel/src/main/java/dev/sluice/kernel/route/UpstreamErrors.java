package dev.sluice.kernel.route;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.UpstreamException;

/**
 * What the client sees of an upstream failure that does not fail over: faults in the request
 * itself (400, 404, 413, 422) keep their meaning; anything else is the gateway's upstream failing
 * (502), since the client's own credentials were never sent upstream.
 */
final class UpstreamErrors {
    private UpstreamErrors() {
    }

    static GatewayException forClient(UpstreamException e) {
        return switch (e.upstreamStatus()) {
            case 400, 422 -> new GatewayException(ErrorType.INVALID_REQUEST, e.getMessage());
            case 404 -> new GatewayException(ErrorType.NOT_FOUND, e.getMessage()).withCode("model_not_found");
            case 413 -> new GatewayException(ErrorType.REQUEST_TOO_LARGE, e.getMessage());
            default -> new GatewayException(e.type(), e.getMessage()).withCode("upstream_error");
        };
    }
}
