package dev.sluice.kernel.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.budget.Money;
import dev.sluice.kernel.spend.SpendLedger;
import dev.sluice.kernel.spend.SpendTotals;
import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.kernel.GatewayRuntime;
import java.util.function.Supplier;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spend in real time, behind the master key. {@code GET /admin/spend?group_by=…&from=…&to=…}
 * sums settled spend by key, team, project, user, model, tag or session; {@code GET
 * /admin/sessions/{id}} shows one agent session: cost, calls, tokens and latency, also per model.
 */
public final class SpendApi {
    private static final List<Scope> GROUPS = List.of(Scope.KEY, Scope.TEAM, Scope.PROJECT, Scope.USER, Scope.MODEL,
            Scope.TAG, Scope.SESSION);

    private final SpendLedger ledger;
    private final AdminGuard guard;

    /**
     * @param runtime the runtime serving new requests now (its {@code auth.master_key} guards the routes)
     * @param ledger the gateway's ledger
     */
    public SpendApi(Supplier<GatewayRuntime> runtime, SpendLedger ledger) {
        this.ledger = ledger;
        this.guard = new AdminGuard(runtime);
    }

    /** Adds the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.get("/admin/spend", guard.strict(this::spend))
                .get("/admin/sessions/{id}", guard.strict(this::session));
    }

    private void spend(ServerRequest req, ServerResponse res) {
        var query = req.query();
        Instant from = query.first("from").map(v -> instant(v, "from")).orElse(Instant.EPOCH);
        Instant to = query.first("to").map(v -> instant(v, "to")).orElse(Instant.MAX);
        ObjectNode out = Json.mapper().createObjectNode();
        query.first("from").ifPresent(v -> out.put("from", from.toString()));
        query.first("to").ifPresent(v -> out.put("to", to.toString()));
        out.set("total", totals(ledger.total(from, to)));
        Optional<String> groupBy = query.first("group_by").asOptional();
        if (groupBy.isPresent()) {
            Scope scope = Scope.of(groupBy.get(), GROUPS).orElseThrow(() -> new GatewayException(
                    ErrorType.INVALID_REQUEST, "group_by must be one of key, team, project, user, model, tag, session")
                    .withParam("group_by"));
            out.put("group_by", scope.key());
            ArrayNode data = out.putArray("data");
            for (SpendLedger.Row row : ledger.report(scope, from, to)) {
                ObjectNode item = data.addObject();
                row.value().ifPresentOrElse(v -> item.put(scope.key(), v), () -> item.putNull(scope.key()));
                item.setAll(totals(row.totals()));
            }
        }
        KeysApi.send(res, out);
    }

    private void session(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Map<String, SpendTotals> byModel = ledger.session(id);
        if (byModel.isEmpty()) {
            throw new GatewayException(ErrorType.NOT_FOUND, "no spend recorded for session '" + id + "'")
                    .withCode("session_not_found");
        }
        SpendTotals total = byModel.values().stream().reduce(SpendTotals.ZERO, SpendTotals::plus);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("session", id);
        out.setAll(totals(total));
        total.first().ifPresent(t -> out.put("first_seen", t.toString()));
        total.last().ifPresent(t -> out.put("last_seen", t.toString()));
        ObjectNode models = out.putObject("models");
        byModel.forEach((model, t) -> models.set(model, totals(t)));
        KeysApi.send(res, out);
    }

    private static ObjectNode totals(SpendTotals t) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("cost_usd", Money.usd(t.costNanos()));
        n.put("requests", t.requests());
        n.put("unpriced_requests", t.unpriced());
        n.put("prompt_tokens", t.promptTokens());
        n.put("completion_tokens", t.completionTokens());
        n.put("total_tokens", t.promptTokens() + t.completionTokens());
        n.put("latency_ms", t.latencyMillis());
        n.put("avg_latency_ms", t.requests() == 0 ? 0 : t.latencyMillis() / t.requests());
        return n;
    }

    /** An ISO instant, or a date meaning its start (UTC). */
    private static Instant instant(String text, String param) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, param
                    + " must be a date (2025-01-31) or an instant (2025-01-31T12:00:00Z)").withParam(param);
        }
    }
}
