package dev.sluice.plugins.audit.otlp;

import java.util.List;

/**
 * One span ready to encode, in OTLP's own terms.
 *
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 * @param parentSpanId 16 hex digits, or empty for a root span
 * @param name the span name
 * @param kind {@code Span.SpanKind}: {@link #SERVER} or {@link #CLIENT}
 * @param startNanos start, in nanoseconds since the Unix epoch
 * @param endNanos end, in nanoseconds since the Unix epoch
 * @param attributes the attributes, in the order they are written
 * @param statusCode {@code Status.StatusCode}: {@link #STATUS_UNSET} or {@link #STATUS_ERROR}
 * @param statusMessage the status description; empty for none
 */
record SpanData(String traceId, String spanId, String parentSpanId, String name, int kind, long startNanos,
        long endNanos, List<Attribute> attributes, int statusCode, String statusMessage) {

    static final int SERVER = 2;
    static final int CLIENT = 3;
    static final int STATUS_UNSET = 0;
    static final int STATUS_ERROR = 2;

    SpanData {
        attributes = List.copyOf(attributes);
    }
}
