package dev.sluice.spi;

import java.util.Objects;

/**
 * A typed key for {@link Exchange#attribute(AttributeKey)}: how chain steps hand data to each
 * other without the kernel knowing about it. Keys compare by identity, so keep one instance in a
 * constant:
 * <pre>{@code
 * static final AttributeKey<Integer> REDACTIONS = AttributeKey.of("pii.redactions", Integer.class);
 * }</pre>
 *
 * @param <T> the value type
 */
public final class AttributeKey<T> {
    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    /** A new key; its name is for diagnostics only. */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    /** The diagnostic name. */
    public String name() {
        return name;
    }

    /** The value type. */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
