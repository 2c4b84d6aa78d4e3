package dev.sluice.plugins.audit.otlp;

import java.util.Locale;
import java.util.Optional;

/** The OTLP/HTTP body encodings, named as {@code OTEL_EXPORTER_OTLP_PROTOCOL} names them. */
enum OtlpProtocol {
    /** Protobuf's JSON mapping with OTLP's deviations (hex ids, integer enums). */
    JSON("http/json", "application/json"),
    /** Binary protobuf. */
    PROTOBUF("http/protobuf", "application/x-protobuf");

    private final String configName;
    private final String contentType;

    OtlpProtocol(String configName, String contentType) {
        this.configName = configName;
        this.contentType = contentType;
    }

    /** The protocol a {@code protocol:} value names. */
    static Optional<OtlpProtocol> named(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (OtlpProtocol p : values()) {
            if (p.configName.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The {@code Content-Type} of request bodies. */
    String contentType() {
        return contentType;
    }

    @Override
    public String toString() {
        return configName;
    }
}
