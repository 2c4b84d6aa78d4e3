package dev.sluice.plugins.audit.otlp;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditSink;
import dev.sluice.spi.config.Settings;
import org.pf4j.Extension;

/**
 * The {@code otlp} audit sink: every audit record becomes OpenTelemetry spans following the
 * GenAI semantic conventions, a {@code SERVER} span for the gateway request and a {@code CLIENT}
 * child per upstream attempt, exported in batches over OTLP/HTTP to
 * {@code {endpoint}/v1/traces}.
 *
 * <pre>{@code
 * audit:
 *   sinks:
 *     - type: otlp
 *       endpoint: http://otel-collector:4318
 *       headers: { authorization: "Bearer ${OTLP_TOKEN}" }
 * }</pre>
 *
 * <p>Telemetry never holds the gateway up: a full export queue drops the record and counts it in
 * the log's stats. It is write-only; {@link #store} claims no location.
 */
@Extension
public final class OtlpSink implements AuditSink {

    @Override
    public String name() {
        return "otlp";
    }

    @Override
    public AuditLog open(Settings settings, GatewayContext context) {
        return new OtlpLog(OtlpSettings.read(settings));
    }
}
