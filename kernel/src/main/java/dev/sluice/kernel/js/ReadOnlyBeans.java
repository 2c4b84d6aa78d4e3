package dev.sluice.kernel.js;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.ser.AnyGetterWriter;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.Content;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The gateway's request records as JavaScript sees them: read-only views that read exactly as the
 * JSON Jackson would write for them ({@code JSON.stringify} of a view gives that JSON), made one
 * member at a time as a policy reads them, instead of the whole request as a JSON tree up front.
 *
 * <p>A record whose Jackson serializer is a plain bean serializer is viewed property by property,
 * in Jackson's order, with its {@code @JsonAnyGetter} fields after them, leaving out {@code null}s
 * where Jackson leaves them out. Any other value (a custom serializer, a map, a number Jackson
 * writes its own way) is written to a JSON tree and viewed as that.
 */
final class ReadOnlyBeans {
    private static final ClassValue<Optional<Shape>> SHAPES = new ClassValue<>() {
        @Override
        protected Optional<Shape> computeValue(Class<?> type) {
            return Shape.of(Json.mapper(), type);
        }
    };

    private ReadOnlyBeans() {
    }

    /**
     * The JavaScript-facing value of a value Jackson would write: a primitive or a read-only view (a
     * view stays as it is).
     */
    static Object of(Object value) {
        if (value == null || ReadOnlyJson.isView(value)) {
            return value;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof JsonNode node) {
            return ReadOnlyJson.of(node);
        }
        if (value instanceof Content content) {
            // Written by its own serializer as the string, or as the list of its parts.
            return content.isParts() ? of(content.parts()) : content.string();
        }
        if (value instanceof List<?> list) {
            return ReadOnlyJson.array(list.size(), i -> of(list.get(i)));
        }
        Optional<Shape> shape = SHAPES.get(value.getClass());
        if (shape.isPresent()) {
            return shape.get().view(value);
        }
        return ReadOnlyJson.of(Json.mapper().valueToTree(value));
    }

    /** Whether instances of a class are viewed property by property, rather than as a JSON tree (for tests). */
    static boolean byProperty(Class<?> type) {
        return SHAPES.get(type).isPresent();
    }

    /** How Jackson writes one record class: its properties in order, its any-getter's fields among them. */
    private record Shape(List<Property> properties, AnnotatedMember anyGetter) {
        /** Annotations that make Jackson write a property its own way: such records are written as trees. */
        private static final List<Class<? extends Annotation>> CUSTOM = List.of(JsonSerialize.class,
                JsonFormat.class, JsonRawValue.class, JsonUnwrapped.class, JsonValue.class, JsonInclude.class,
                JsonIgnoreProperties.class, JsonIncludeProperties.class, JsonTypeInfo.class);

        static Optional<Shape> of(ObjectMapper mapper, Class<?> type) {
            if (type.isEnum() || Map.class.isAssignableFrom(type) || Iterable.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            JsonSerializer<Object> serializer;
            try {
                serializer = mapper.getSerializerProviderInstance().findValueSerializer(type);
            } catch (JsonMappingException | RuntimeException e) {
                return Optional.empty();
            }
            if (serializer.getClass() != BeanSerializer.class || serializer.usesObjectId()
                    || type.isAnnotationPresent(JsonTypeInfo.class)) {
                return Optional.empty();
            }
            BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(type));
            JsonInclude.Include inclusion = description.findPropertyInclusion(
                    mapper.getSerializationConfig().getDefaultPropertyInclusion(type)).getValueInclusion();
            if (mapper.getSerializationConfig().getAnnotationIntrospector().findFilterId(description.getClassInfo()) != null
                    || (inclusion != JsonInclude.Include.NON_NULL
                    && inclusion != JsonInclude.Include.ALWAYS && inclusion != JsonInclude.Include.USE_DEFAULTS)) {
                return Optional.empty();
            }
            AnnotatedMember anyGetter = description.findAnyGetter();
            List<Property> properties = new ArrayList<>();
            for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext(); ) {
                PropertyWriter next = it.next();
                if (next instanceof AnyGetterWriter && anyGetter != null) {
                    properties.add(new Property(null, null, true));
                } else if (next.getClass() == BeanPropertyWriter.class && next instanceof BeanPropertyWriter writer
                        && writer.getViews() == null && writer.getTypeSerializer() == null
                        && CUSTOM.stream().noneMatch(a -> writer.getAnnotation(a) != null)) {
                    properties.add(new Property(writer.getName(), writer, writer.willSuppressNulls()));
                } else {
                    return Optional.empty();
                }
            }
            if (anyGetter != null) {
                anyGetter.fixAccess(true);
            }
            return Optional.of(new Shape(List.copyOf(properties), anyGetter));
        }

        /** A view of one instance: its members are the fields Jackson would write for it. */
        ProxyObject view(Object bean) {
            // In order, each key once (where it first comes), in time linear in the fields.
            Map<String, Object> values = new LinkedHashMap<>();
            for (Property property : properties) {
                if (property.writer() == null) {
                    if (anyGetter.getValue(bean) instanceof Map<?, ?> extra) {
                        extra.forEach((key, value) -> values.put(String.valueOf(key), value));
                    }
                } else {
                    Object value = property.get(bean);
                    if (value != null || !property.skipsNull()) {
                        values.put(property.name(), value);
                    }
                }
            }
            return ReadOnlyJson.object(List.copyOf(values.keySet()), key -> ReadOnlyBeans.of(values.get(key)));
        }
    }

    /** A property, or where the any-getter's fields go ({@code writer} {@code null}). */
    private record Property(String name, BeanPropertyWriter writer, boolean skipsNull) {
        Object get(Object bean) {
            try {
                return writer.get(bean);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + name + " of " + bean.getClass().getSimpleName(), e);
            }
        }
    }
}
