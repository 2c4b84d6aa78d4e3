package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditRecord;
import java.util.function.Function;

/**
 * The columns that copy a field of the record for queries and indexes. The record's JSON body
 * stays the truth: {@code verify} checks that every column still equals the value {@link #of}
 * derives from the body, so an {@code UPDATE} of a column alone is found.
 */
enum Column {
    TS("ts", ColumnType.BIGINT, true, r -> r.timestamp().toEpochMilli()),
    /** The nanoseconds within the millisecond, so that time filters are exact to the nanosecond. */
    TS_NANO("ts_nano", ColumnType.INTEGER, true, r -> r.timestamp().getNano() % 1_000_000),
    REQUEST_ID("request_id", ColumnType.TEXT, true, r -> text(r.requestId())),
    USER_ID("user_id", ColumnType.TEXT, false, r -> text(r.userId())),
    TEAM("team", ColumnType.TEXT, false, r -> text(r.team())),
    PROJECT("project", ColumnType.TEXT, false, r -> text(r.project())),
    SESSION_ID("session_id", ColumnType.TEXT, false, r -> text(r.sessionId())),
    KEY_ID("key_id", ColumnType.TEXT, false, r -> text(r.keyId())),
    ROUTE("route", ColumnType.TEXT, false, r -> text(r.route())),
    MODEL_REQUESTED("model_requested", ColumnType.TEXT, false, r -> text(r.modelRequested())),
    MODEL_SERVED("model_served", ColumnType.TEXT, false, r -> text(r.modelServed())),
    PROVIDER("provider", ColumnType.TEXT, false, r -> text(r.provider())),
    STATUS("status", ColumnType.INTEGER, true, AuditRecord::status),
    ERROR("error", ColumnType.TEXT, false, r -> text(r.error())),
    ERROR_TYPE("error_type", ColumnType.TEXT, false, r -> text(r.errorType())),
    PROMPT_TOKENS("prompt_tokens", ColumnType.INTEGER, false, AuditRecord::promptTokens),
    COMPLETION_TOKENS("completion_tokens", ColumnType.INTEGER, false, AuditRecord::completionTokens),
    TOTAL_TOKENS("total_tokens", ColumnType.INTEGER, false, AuditRecord::totalTokens),
    LATENCY_MS("latency_ms", ColumnType.DOUBLE, false, r -> finite(r.latencyMs())),
    GATEWAY_OVERHEAD_MS("gateway_overhead_ms", ColumnType.DOUBLE, false, r -> finite(r.gatewayOverheadMs())),
    PII_DETECTED("pii_detected", ColumnType.BOOLEAN, true, AuditRecord::piiDetected),
    CACHE_HIT("cache_hit", ColumnType.BOOLEAN, true, AuditRecord::cacheHit),
    STREAM("stream", ColumnType.BOOLEAN, true, AuditRecord::stream),
    FAILOVER_ATTEMPTED("failover_attempted", ColumnType.BOOLEAN, true, AuditRecord::failoverAttempted);

    private final String sqlName;
    private final ColumnType type;
    private final boolean required;
    private final Function<AuditRecord, Object> value;

    Column(String sqlName, ColumnType type, boolean required, Function<AuditRecord, Object> value) {
        this.sqlName = sqlName;
        this.type = type;
        this.required = required;
        this.value = value;
    }

    /** The column's name in SQL. */
    String sqlName() {
        return sqlName;
    }

    ColumnType type() {
        return type;
    }

    /** The column's declaration in {@code CREATE TABLE}. */
    String declaration() {
        return sqlName + " " + type.sql() + (required ? " NOT NULL" : "");
    }

    /** The column's value for a record, as written and as {@code verify} expects it. */
    Object of(AuditRecord record) {
        return value.apply(record);
    }

    /**
     * Text as a column keeps it: PostgreSQL refuses the NUL character in text, so it becomes
     * U+FFFD in the column (the record's JSON body keeps it, escaped).
     */
    static String text(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    /** SQLite cannot store NaN or infinities; they are kept as NULL (the body keeps them). */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
