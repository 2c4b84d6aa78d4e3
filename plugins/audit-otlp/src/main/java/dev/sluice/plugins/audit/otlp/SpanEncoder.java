package dev.sluice.plugins.audit.otlp;

import java.util.List;

/** Encodes spans as an OTLP {@code ExportTraceServiceRequest} body: one resource, one scope. */
interface SpanEncoder {

    /** The instrumentation scope the spans are reported under. */
    String SCOPE_NAME = "dev.sluice.audit";

    /** The request body carrying {@code spans}. */
    byte[] encode(List<SpanData> spans);

    /** The encoder of a protocol. */
    static SpanEncoder of(OtlpProtocol protocol, String serviceName) {
        return switch (protocol) {
            case JSON -> new OtlpJsonEncoder(serviceName);
            case PROTOBUF -> new OtlpProtobufEncoder(serviceName);
        };
    }
}
