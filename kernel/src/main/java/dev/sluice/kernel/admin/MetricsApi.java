package dev.sluice.kernel.admin;

import dev.sluice.kernel.metrics.GatewayMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} in Prometheus' text exposition format (0.0.4): every metric of
 * {@link GatewayMetrics}, listed in {@code docs/metrics.md}. Rendered at scrape time; nothing is
 * kept for it on the request path beyond the meters themselves.
 */
public final class MetricsApi {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final GatewayMetrics metrics;

    public MetricsApi(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Adds the route. */
    public void register(HttpRouting.Builder rules) {
        rules.get("/metrics", this::metrics);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
