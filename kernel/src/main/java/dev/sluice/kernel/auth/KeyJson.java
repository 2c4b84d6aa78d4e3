package dev.sluice.kernel.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.budget.BudgetCap;
import dev.sluice.kernel.budget.Money;
import dev.sluice.kernel.budget.Period;
import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Virtual keys as JSON: the stored form (with the hash), the form the admin API shows (without
 * it), and the fields a create or update request may set.
 */
public final class KeyJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("name", "team", "project", "user", "tags", "models", "budgets",
            "session_budget_usd", "rpm", "tpm", "expires_at", "expires_in");

    private KeyJson() {
    }

    /** The stored form: every field, with the hash. */
    static ObjectNode stored(VirtualKey key) {
        ObjectNode node = view(key);
        node.put("hash", key.hash());
        return node;
    }

    /** What the admin API shows: every field but the hash. */
    public static ObjectNode view(VirtualKey key) {
        ObjectNode node = NODES.objectNode();
        node.put("id", key.id());
        node.put("prefix", key.prefix());
        node.put("name", key.name());
        put(node, "team", key.team());
        put(node, "project", key.project());
        put(node, "user", key.user());
        key.tags().forEach(node.putArray("tags")::add);
        key.models().forEach(node.putArray("models")::add);
        ArrayNode budgets = node.putArray("budgets");
        for (BudgetCap cap : key.budgets()) {
            ObjectNode b = budgets.addObject();
            b.put("period", cap.period().key());
            cap.hard().ifPresent(v -> b.put("hard_usd", Money.usd(v)));
            cap.soft().ifPresent(v -> b.put("soft_usd", Money.usd(v)));
        }
        key.sessionBudget().ifPresentOrElse(v -> node.put("session_budget_usd", Money.usd(v)),
                () -> node.putNull("session_budget_usd"));
        key.rpm().ifPresentOrElse(v -> node.put("rpm", v), () -> node.putNull("rpm"));
        key.tpm().ifPresentOrElse(v -> node.put("tpm", v), () -> node.putNull("tpm"));
        node.put("created_at", key.createdAt().toString());
        put(node, "expires_at", key.expiresAt().map(Instant::toString));
        put(node, "revoked_at", key.revokedAt().map(Instant::toString));
        return node;
    }

    /** A stored key read back. */
    static VirtualKey fromStored(JsonNode node) {
        VirtualKey base = new VirtualKey(node.path("id").asText(), node.path("hash").asText(),
                node.path("prefix").asText(), node.path("name").asText(""), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Instant.parse(node.path("created_at").asText()), Optional.empty(),
                text(node, "revoked_at").map(Instant::parse));
        return apply(node, base, base.createdAt(), true);
    }

    /**
     * The key with the fields of a create or update request applied; a field set to {@code null}
     * is cleared. Throws {@link ErrorType#INVALID_REQUEST} for unknown fields and bad values.
     */
    static VirtualKey apply(JsonNode body, VirtualKey key, Instant now, boolean stored) {
        if (!body.isObject()) {
            throw invalid("the body must be a JSON object", null);
        }
        if (!stored) {
            for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!FIELDS.contains(field)) {
                    throw invalid("unknown field '" + field + "'", field);
                }
            }
        }
        String name = body.has("name") ? body.path("name").asText("") : key.name();
        Optional<String> team = body.has("team") ? text(body, "team") : key.team();
        Optional<String> project = body.has("project") ? text(body, "project") : key.project();
        Optional<String> user = body.has("user") ? text(body, "user") : key.user();
        List<String> tags = body.has("tags") ? strings(body, "tags") : key.tags();
        List<String> models = body.has("models") ? strings(body, "models") : key.models();
        List<BudgetCap> budgets = body.has("budgets") ? budgets(body.get("budgets")) : key.budgets();
        OptionalLong session = body.has("session_budget_usd") ? usd(body, "session_budget_usd") : key.sessionBudget();
        OptionalLong rpm = body.has("rpm") ? count(body, "rpm") : key.rpm();
        OptionalLong tpm = body.has("tpm") ? count(body, "tpm") : key.tpm();
        Optional<Instant> expires = key.expiresAt();
        if (body.has("expires_at")) {
            expires = text(body, "expires_at").map(KeyJson::instant);
        }
        if (body.has("expires_in") && !stored) {
            expires = text(body, "expires_in").map(d -> now.plus(duration(d)));
        }
        return new VirtualKey(key.id(), key.hash(), key.prefix(), name, team, project, user, tags, models, budgets,
                session, rpm, tpm, key.createdAt(), expires, key.revokedAt());
    }

    private static List<BudgetCap> budgets(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("'budgets' must be a list of {period, hard_usd, soft_usd}", "budgets");
        }
        List<BudgetCap> out = new ArrayList<>();
        for (JsonNode b : node) {
            Period period = Period.of(b.path("period").asText("month"))
                    .orElseThrow(() -> invalid("'budgets[].period' must be day, month or total", "budgets"));
            OptionalLong hard = usd(b, "hard_usd");
            OptionalLong soft = usd(b, "soft_usd");
            if (hard.isEmpty() && soft.isEmpty()) {
                throw invalid("each budget needs hard_usd, soft_usd or both", "budgets");
            }
            out.add(new BudgetCap(Scope.KEY, Optional.empty(), period, hard, soft));
        }
        return out;
    }

    private static OptionalLong usd(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        try {
            BigDecimal amount = new BigDecimal(v.asText().trim());
            if (amount.signum() < 0) {
                throw invalid("'" + field + "' must not be negative", field);
            }
            return OptionalLong.of(Money.nanos(amount));
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid("'" + field + "' must be an amount of US dollars", field);
        }
    }

    private static OptionalLong count(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.canConvertToLong() || v.asLong() < 1) {
            throw invalid("'" + field + "' must be a whole number of at least 1", field);
        }
        return OptionalLong.of(v.asLong());
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid("'" + field + "' must be a list of strings", field);
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw invalid("'" + field + "' must be a list of strings", field);
            }
            out.add(item.asText().trim());
        });
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().trim());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("'expires_at' must be an ISO-8601 instant such as 2030-01-31T00:00:00Z", "expires_at");
        }
    }

    private static Duration duration(String text) {
        try {
            var s = dev.sluice.spi.config.Settings.of(NODES.objectNode().put("d", text));
            return s.duration("d").orElseThrow();
        } catch (RuntimeException e) {
            throw invalid("'expires_in' must be a duration such as 30d, 12h or 90m", "expires_in");
        }
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }

    private static GatewayException invalid(String message, String param) {
        GatewayException e = new GatewayException(ErrorType.INVALID_REQUEST, message);
        return param == null ? e : e.withParam(param);
    }
}
