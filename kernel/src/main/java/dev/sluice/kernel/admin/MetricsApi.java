package dev.sluice.kernel.admin;

import dev.sluice.kernel.metrics.GatewayMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} in Prometheus' text exposition format (0.0.4): every metric of
 * {@link GatewayMetrics}, listed in {@code docs/metrics.md}. The JVM meters are bound when the
 * server starts and released when it stops.
 */
public final class MetricsApi {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final GatewayMetrics metrics;

    public MetricsApi(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Adds the route, and ties the JVM meters to the server's life. */
    public void register(HttpRouting.Builder rules) {
        rules.get("/metrics", this::metrics);
        rules.register(new Lifecycle(metrics));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the JVM meters with the server and stops their JFR stream with it. Serves nothing. */
    private record Lifecycle(GatewayMetrics metrics) implements HttpService {
        @Override
        public void routing(HttpRules rules) {
        }

        @Override
        public void beforeStart() {
            metrics.start();
        }

        @Override
        public void afterStop() {
            metrics.close();
        }
    }
}
