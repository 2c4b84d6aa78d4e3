package dev.sluice.plugins.audit.otlp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Collects a span's attributes, leaving out absent values (a {@code null} or an empty text). */
final class Attributes {
    private final List<Attribute> list = new ArrayList<>(32);

    Attributes put(String key, String value) {
        if (value != null && !value.isEmpty()) {
            list.add(new Attribute(key, value));
        }
        return this;
    }

    Attributes put(String key, Integer value) {
        if (value != null) {
            list.add(new Attribute(key, value.longValue()));
        }
        return this;
    }

    Attributes put(String key, long value) {
        list.add(new Attribute(key, value));
        return this;
    }

    /** Leaves out NaN and infinities, which OTLP/JSON could only write as strings. */
    Attributes put(String key, Double value) {
        if (value != null && Double.isFinite(value)) {
            list.add(new Attribute(key, value));
        }
        return this;
    }

    Attributes put(String key, BigDecimal value) {
        return value == null ? this : put(key, value.doubleValue());
    }

    Attributes put(String key, boolean value) {
        list.add(new Attribute(key, value));
        return this;
    }

    Attributes put(String key, List<String> values) {
        if (!values.isEmpty()) {
            list.add(new Attribute(key, List.copyOf(values)));
        }
        return this;
    }

    List<Attribute> list() {
        return list;
    }
}
