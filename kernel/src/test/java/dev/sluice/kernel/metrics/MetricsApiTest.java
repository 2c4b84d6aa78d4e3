package dev.sluice.kernel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.admin.MetricsApi;
import dev.sluice.kernel.route.health.HealthTracker;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} serves the scrape in Prometheus' text format. */
class MetricsApiTest {
    private final GatewayMetrics metrics = new GatewayMetrics(new HealthTracker(Clock.systemUTC()));
    private final HttpClient client = HttpClient.newHttpClient();
    private WebServer server;

    @BeforeEach
    void start() {
        metrics.start();
        HttpRouting.Builder routing = HttpRouting.builder();
        new MetricsApi(metrics).register(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        client.close();
        metrics.close();
    }

    private HttpResponse<String> get() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePrometheusTextFormat() throws Exception {
        metrics.request(Records.served().build());

        HttpResponse<String> res = get();

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(res.body()).contains("# TYPE sluice_requests_total counter")
                .contains("# TYPE sluice_request_duration_seconds histogram")
                .contains("# TYPE jvm_memory_used_bytes gauge");
    }
}
