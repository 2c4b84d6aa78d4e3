package dev.sluice.kernel.http;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Operations endpoints: {@code GET /health} (the process serves), {@code GET /ready} (a runtime is
 * assembled and the gateway is not shutting down), and an OpenAI-shaped 404 for every other path.
 */
public final class OpsApi {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_READY = "{\"status\":\"not ready\"}".getBytes(StandardCharsets.UTF_8);

    private final BooleanSupplier ready;

    /** @param ready whether the gateway is ready to serve */
    public OpsApi(BooleanSupplier ready) {
        this.ready = ready;
    }

    /** Adds the operations routes. */
    public void register(HttpRouting.Builder routing) {
        routing.get("/health", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(OK);
        }).get("/ready", (req, res) -> {
            boolean isReady = ready.getAsBoolean();
            res.status(isReady ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(isReady ? READY : NOT_READY);
        });
    }

    /** Adds the catch-all 404; register it last. */
    public static void registerNotFound(HttpRouting.Builder routing) {
        routing.any((req, res) -> OpenAiErrors.send(res, new GatewayException(ErrorType.NOT_FOUND,
                "Unknown request URL: " + req.prologue().method().text() + " " + req.path().path()
                        + ". Please check the URL for typos.").withCode("unknown_url")));
    }
}
