package dev.sluice.plugins.audit.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.spi.audit.AuditJson;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a record back from its chained JSON body with its dollar amounts exact.
 * {@link AuditJson#read} goes through a JSON tree that holds decimals as doubles, which drops a
 * cost's trailing zeros and digits past the seventeenth; the amounts are therefore taken again
 * from their literal text in the body, as written.
 */
final class RecordBody {
    private RecordBody() {
    }

    /**
     * The record of a body.
     *
     * @throws IllegalArgumentException when the body is not an audit record
     */
    static AuditRecord read(byte[] body) {
        AuditRecord record = AuditJson.read(body);
        Amounts amounts = amounts(body);
        return record.toBuilder().costUsd(amounts.costUsd()).costSavedUsd(amounts.costSavedUsd()).build();
    }

    /** The record's {@code cost_usd} as written in the body. */
    static BigDecimal costUsd(byte[] body) {
        return amounts(body).costUsd();
    }

    private static Amounts amounts(byte[] body) {
        BigDecimal cost = null;
        BigDecimal saved = null;
        try (JsonParser p = Json.mapper().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("cost_usd")) {
                    cost = decimal(p, value);
                } else if (name.equals("cost_saved_usd")) {
                    saved = decimal(p, value);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getMessage(), e);
        }
        return new Amounts(cost, saved);
    }

    private static BigDecimal decimal(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_STRING -> new BigDecimal(p.getText());
            default -> throw new IllegalArgumentException("a dollar amount is not a number");
        };
    }

    private record Amounts(BigDecimal costUsd, BigDecimal costSavedUsd) {
    }
}
