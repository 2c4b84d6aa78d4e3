package dev.sluice.plugins.audit.otlp;

import java.util.Map;

/**
 * A span as the receiver decoded it from the wire.
 *
 * @param serviceName the resource's {@code service.name}
 * @param scopeName the instrumentation scope's name
 * @param traceId hex, lower case
 * @param spanId hex, lower case
 * @param parentSpanId hex, lower case; empty for a root span
 * @param name the span name
 * @param kind the {@code SpanKind} number
 * @param startNanos start since the epoch
 * @param endNanos end since the epoch
 * @param attributes key to a String, Long, Double, Boolean or List of those
 * @param statusCode the {@code StatusCode} number (0 when absent)
 * @param statusMessage the status message (empty when absent)
 */
record ReceivedSpan(String serviceName, String scopeName, String traceId, String spanId, String parentSpanId,
        String name, int kind, long startNanos, long endNanos, Map<String, Object> attributes, int statusCode,
        String statusMessage) {

    static final int SERVER = 2;
    static final int CLIENT = 3;
    static final int ERROR = 2;

    Object attribute(String key) {
        return attributes.get(key);
    }

    boolean isRoot() {
        return parentSpanId.isEmpty();
    }
}
