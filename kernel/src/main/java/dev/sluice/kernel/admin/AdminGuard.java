package dev.sluice.kernel.admin;

import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.kernel.auth.Access;
import dev.sluice.kernel.http.OpenAiErrors;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;

/**
 * The master key in front of admin routes: {@code Authorization: Bearer <auth.master_key>}. Routes
 * that manage keys or read spend are closed while no master key is configured; the health view
 * stays open then, as it was before keys existed.
 */
final class AdminGuard {
    private final Supplier<GatewayRuntime> runtime;

    AdminGuard(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    /** A handler that needs the master key, always. */
    Handler strict(Handler handler) {
        return (req, res) -> serve(req, res, handler, false);
    }

    /** A handler that needs the master key once one is configured. */
    Handler whenConfigured(Handler handler) {
        return (req, res) -> serve(req, res, handler, true);
    }

    private void serve(ServerRequest req, ServerResponse res, Handler handler, boolean openWithoutKey)
            throws Exception {
        Access access = runtime.get().access();
        if (!access.hasMasterKey()) {
            if (openWithoutKey) {
                handler.handle(req, res);
                return;
            }
            OpenAiErrors.send(res, new GatewayException(ErrorType.PERMISSION,
                    "the admin API is off: set auth.master_key to use it").withCode("admin_disabled"));
            return;
        }
        if (!access.isMaster(req.headers().first(HeaderNames.AUTHORIZATION))) {
            OpenAiErrors.send(res, new GatewayException(ErrorType.AUTHENTICATION,
                    "the admin API needs the master key as Authorization: Bearer").withCode("invalid_api_key"));
            return;
        }
        try {
            handler.handle(req, res);
        } catch (GatewayException e) {
            OpenAiErrors.send(res, e);
        }
    }
}
