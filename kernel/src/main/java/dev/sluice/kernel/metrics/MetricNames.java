package dev.sluice.kernel.metrics;

/**
 * The gateway's meter names, in Micrometer's dotted form. The Prometheus names follow from
 * Micrometer's naming convention: dots become underscores, counters end in {@code _total} and
 * timers in {@code _seconds}, e.g. {@code sluice.requests} is {@code sluice_requests_total}.
 */
final class MetricNames {
    static final String REQUESTS = "sluice.requests";
    static final String REQUEST_DURATION = "sluice.request.duration";
    static final String GATEWAY_OVERHEAD = "sluice.gateway.overhead";
    static final String TIME_TO_FIRST_TOKEN = "sluice.time.to.first.token";
    static final String TOKENS = "sluice.tokens";
    static final String COST = "sluice.cost.usd";
    static final String COST_SAVED = "sluice.cost.saved.usd";
    static final String CACHE_LOOKUPS = "sluice.cache.lookups";
    static final String FAILOVERS = "sluice.failovers";
    static final String GUARDRAIL_TRIGGERS = "sluice.guardrail.triggers";
    static final String REJECTIONS = "sluice.rejections";
    static final String AUDIT_QUEUE_DEPTH = "sluice.audit.queue.depth";
    static final String AUDIT_QUEUE_CAPACITY = "sluice.audit.queue.capacity";
    static final String AUDIT_WRITTEN = "sluice.audit.records.written";
    static final String AUDIT_FAILURES = "sluice.audit.write.failures";
    static final String AUDIT_DROPPED = "sluice.audit.records.dropped";
    static final String AUDIT_WAITS = "sluice.audit.queue.waits";

    private MetricNames() {
    }
}
