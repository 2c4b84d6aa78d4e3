package dev.sluice.plugins.audit.otlp;

import java.util.List;
import java.util.Objects;

/**
 * One span attribute. The value is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean} or a {@code List<String>}: the {@code AnyValue} kinds the sink emits
 * ({@code stringValue}, {@code intValue}, {@code doubleValue}, {@code boolValue},
 * {@code arrayValue} of strings).
 */
record Attribute(String key, Object value) {

    Attribute {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
        if (!(value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof List<?>)) {
            throw new IllegalArgumentException("not an attribute value: " + value.getClass().getName());
        }
    }
}
