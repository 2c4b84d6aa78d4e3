package dev.sluice.kernel.http;

import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.kernel.audit.AuditTrail;
import dev.sluice.kernel.audit.RequestEnd;
import dev.sluice.kernel.auth.Access;
import dev.sluice.kernel.auth.VirtualKey;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.NativeRequest;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.model.ModelRequest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One model call from arrival to answer, the same for every inbound API: read the body within
 * the size limit, let the dialect parse it, build the exchange, run it through the runtime that
 * was current on arrival, and let the dialect write the answer or the error. Nothing escapes:
 * every failure becomes an error in the client's format, and the server keeps serving.
 */
public final class InboundHandler {
    private static final Logger LOG = Logger.getLogger(InboundHandler.class.getName());
    private static final HeaderName REQUEST_ID = HeaderNames.create("x-sluice-request-id");
    private static final Map<String, HeaderName> NAMES = new ConcurrentHashMap<>();

    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");

    private final Supplier<GatewayRuntime> runtimes;
    private final Clock clock;
    private final AuditTrail audit;

    /**
     * @param runtimes the current runtime, already acquired for the caller (see {@link GatewayRuntime#acquire()})
     * @param clock the gateway's clock
     * @param audit where each request's record goes once it has ended
     */
    public InboundHandler(Supplier<GatewayRuntime> runtimes, Clock clock, AuditTrail audit) {
        this.runtimes = runtimes;
        this.clock = clock;
        this.audit = audit;
    }

    /** The current runtime, acquired; release it when done. */
    public GatewayRuntime acquire() {
        return runtimes.get();
    }

    /** The gateway's clock. */
    public Clock clock() {
        return clock;
    }

    /** Serves one call in the given dialect. */
    public void serve(ServerRequest req, ServerResponse res, Operation operation, InboundDialect dialect) {
        long start = System.nanoTime();
        Instant receivedAt = clock.instant();
        String id = RequestIds.next();
        res.header(REQUEST_ID, id);
        GatewayRuntime runtime = runtimes.get();
        Exchange exchange = null;
        String model = null;
        Result result = null;
        GatewayException failure = null;
        try {
            // Authenticate before reading the body: a caller without a valid key learns nothing else.
            Optional<VirtualKey> key = runtime.access().authenticate(dialect.api(), headerLookup(req.headers()));
            byte[] body = RequestBodies.read(req, runtime.config().server().maxRequestBytes());
            InboundDialect.Parsed parsed = dialect.read(body, operation);
            ModelRequest request = parsed.request();
            model = request.model();
            exchange = new Exchange(id, operation, dialect.api(), request,
                    CallerHeaders.from(req.headers(), request.user()), headerLookup(req.headers()), receivedAt,
                    start);
            Access.bind(exchange, key);
            Exchange created = exchange;
            parsed.nativeRequest().ifPresent(original -> created.attribute(NativeRequest.KEY, original));
            result = runtime.handle(exchange);
            ResponseHeaders.apply(res, exchange);
            dialect.answer(res, exchange, result);
        } catch (GatewayException e) {
            failure = e;
            fail(res, exchange, e, id, dialect);
        } catch (UncheckedIOException e) {
            LOG.log(Level.FINE, "request {0}: reading the request failed: {1}", new Object[] {id, e.getMessage()});
            failure = new GatewayException(ErrorType.INVALID_REQUEST, "the request body could not be read");
            fail(res, exchange, failure, id, dialect);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + id + " failed inside the gateway", e);
            failure = new GatewayException(ErrorType.INTERNAL,
                    "the gateway failed to handle the request (request " + id + ")");
            fail(res, exchange, failure, id, dialect);
        } finally {
            try {
                // The client has its answer (or error, or the end of its stream): now the record.
                audit.record(new RequestEnd(id, receivedAt, start, dialect.api(), operation,
                        Optional.ofNullable(exchange), Optional.ofNullable(model), Optional.ofNullable(result),
                        Optional.ofNullable(failure), req.headers().first(TRACEPARENT)), runtime.config().audit());
            } finally {
                runtime.release();
            }
        }
    }

    private static void fail(ServerResponse res, Exchange exchange, GatewayException e, String id,
            InboundDialect dialect) {
        if (res.isSent()) {
            LOG.log(Level.FINE, "request {0}: error after the response was sent: {1}", new Object[] {id, e.getMessage()});
            return;
        }
        if (exchange != null) {
            ResponseHeaders.apply(res, exchange);
        }
        dialect.error(res, e, id);
    }

    private static Function<String, Optional<String>> headerLookup(ServerRequestHeaders headers) {
        return name -> headers.first(NAMES.computeIfAbsent(name, HeaderNames::create));
    }
}
