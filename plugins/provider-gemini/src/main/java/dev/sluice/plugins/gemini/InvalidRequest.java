package dev.sluice.plugins.gemini;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;

/**
 * A request Gemini cannot take, refused with a 400 before anything is sent: the message and the
 * {@code param} name the field at fault ({@code messages[3].content[1]}).
 */
final class InvalidRequest {

    private InvalidRequest() {
    }

    /** The refusal of the field at {@code param}. */
    static GatewayException at(String param, String problem) {
        return new GatewayException(ErrorType.INVALID_REQUEST, param + ": " + problem).withParam(param);
    }
}
