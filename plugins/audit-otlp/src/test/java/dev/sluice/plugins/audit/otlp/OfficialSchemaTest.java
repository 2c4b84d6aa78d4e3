package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both encodings, read with the classes generated from the official opentelemetry-proto files. */
class OfficialSchemaTest {

    private static List<SpanData> spans() {
        AuditRecord failover = Fixtures.chat("req-1").provider("azure").sessionId("s-1").stream(true)
                .status(200).error("stream cut").guardrailsTriggered(List.of(Fixtures.piiEmail()))
                .attempts(List.of(new AuditAttempt("openai", "gpt-4o", 429, "slow down", 15),
                        new AuditAttempt("azure", "gpt-4o", 200, null, 500))).build();
        AuditRecord caller = Fixtures.embeddings("req-2")
                .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build();
        SpanLayout layout = new SpanLayout(new ProviderNames(Map.of()), new SpanIds(7));
        List<SpanData> spans = new ArrayList<>(layout.spans(failover));
        spans.addAll(layout.spans(caller));
        return spans;
    }

    @Test
    void protobufBodyParsesAsAnExportTraceServiceRequest() throws Exception {
        List<SpanData> expected = spans();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(
                new OtlpProtobufEncoder("sluice").encode(expected));

        assertThat(request.getResourceSpansCount()).isEqualTo(1);
        var resourceSpans = request.getResourceSpans(0);
        assertThat(resourceSpans.getResource().getAttributes(0)).isEqualTo(KeyValue.newBuilder()
                .setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("sluice")).build());
        assertThat(resourceSpans.getScopeSpans(0).getScope().getName()).isEqualTo("dev.sluice.audit");
        List<Span> spans = resourceSpans.getScopeSpans(0).getSpansList();
        assertThat(spans).hasSize(expected.size());
        for (int i = 0; i < spans.size(); i++) {
            Span actual = spans.get(i);
            SpanData want = expected.get(i);
            assertThat(HexFormat.of().formatHex(actual.getTraceId().toByteArray())).isEqualTo(want.traceId());
            assertThat(HexFormat.of().formatHex(actual.getSpanId().toByteArray())).isEqualTo(want.spanId());
            assertThat(HexFormat.of().formatHex(actual.getParentSpanId().toByteArray()))
                    .isEqualTo(want.parentSpanId());
            assertThat(actual.getName()).isEqualTo(want.name());
            assertThat(actual.getKindValue()).isEqualTo(want.kind());
            assertThat(actual.getStartTimeUnixNano()).isEqualTo(want.startNanos());
            assertThat(actual.getEndTimeUnixNano()).isEqualTo(want.endNanos());
            assertThat(actual.getStatus().getCodeValue()).isEqualTo(want.statusCode());
            assertThat(actual.getStatus().getMessage()).isEqualTo(want.statusMessage());
            assertThat(actual.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey,
                    kv -> plain(kv.getValue())))).isEqualTo(want.attributes().stream()
                    .collect(Collectors.toMap(Attribute::key, Attribute::value)));
        }
        assertThat(spans.get(0).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(spans.get(1).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(spans.get(1).getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void jsonBodyHasOnlyFieldsOfTheSchemaAndSaysWhatTheProtobufBodySays() throws Exception {
        List<SpanData> spans = spans();
        JsonNode json = Fixtures.JSON.readTree(new OtlpJsonEncoder("sluice").encode(spans));
        // OTLP/JSON writes ids in hex where protobuf's own JSON mapping wants base64; everything
        // else is the standard mapping, which refuses unknown keys and enum names it does not know.
        for (JsonNode span : json.at("/resourceSpans/0/scopeSpans/0/spans")) {
            for (String id : List.of("traceId", "spanId", "parentSpanId")) {
                if (span.has(id)) {
                    ((ObjectNode) span).put(id, Base64.getEncoder().encodeToString(
                            HexFormat.of().parseHex(span.get(id).asText())));
                }
            }
        }
        ExportTraceServiceRequest.Builder fromJson = ExportTraceServiceRequest.newBuilder();
        JsonFormat.parser().merge(json.toString(), fromJson);

        ExportTraceServiceRequest fromProtobuf = ExportTraceServiceRequest.parseFrom(
                new OtlpProtobufEncoder("sluice").encode(spans));

        assertThat(fromJson.build()).isEqualTo(fromProtobuf);
    }

    private static Object plain(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OfficialSchemaTest::plain).toList();
            default -> throw new AssertionError("unexpected AnyValue " + v);
        };
    }

}
