package dev.sluice.kernel.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Soft-cap alerts: a log event, and a JSON {@code POST} to {@code budgets.alert_webhook} when one
 * is set. The webhook is called on a virtual thread of its own, so a slow receiver never holds a
 * request up; a failed delivery is logged and not retried.
 */
public final class BudgetAlerts {
    private static final Logger LOG = Logger.getLogger(BudgetAlerts.class.getName());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();

    /**
     * One soft cap crossed.
     *
     * @param body the alert, as posted
     * @param webhook where to post it
     */
    void send(ObjectNode body, Optional<URI> webhook) {
        LOG.warning("budget alert: " + body.path("scope").asText() + " " + body.path("id").asText() + " spent $"
                + body.path("spent_usd").asText() + " of its soft cap $" + body.path("soft_usd").asText() + " ("
                + body.path("period").asText() + " " + body.path("period_start").asText() + ")");
        if (webhook.isEmpty()) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(webhook.get()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "budget alert webhook failed: {0}", failure.toString());
            } else if (response.statusCode() >= 300) {
                LOG.log(Level.WARNING, "budget alert webhook answered HTTP {0}", response.statusCode());
            }
        });
    }
}
