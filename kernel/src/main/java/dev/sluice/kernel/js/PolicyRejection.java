package dev.sluice.kernel.js;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;

/** A request a policy rejected, with the status and message the policy chose. */
final class PolicyRejection extends GatewayException {
    private static final long serialVersionUID = 1L;

    PolicyRejection(int status, String message, String code) {
        super(typeOf(status), status, message, null, code, null, null);
    }

    /** The error kind whose status matches, else the closest kind of the status class. */
    static ErrorType typeOf(int status) {
        for (ErrorType type : ErrorType.values()) {
            if (type.status() == status) {
                return type;
            }
        }
        return status < 500 ? ErrorType.INVALID_REQUEST : ErrorType.INTERNAL;
    }
}
