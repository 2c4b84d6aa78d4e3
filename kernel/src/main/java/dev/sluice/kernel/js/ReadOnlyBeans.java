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
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.ser.AnyGetterWriter;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.Content;
import java.lang.annotation.Annotation;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The gateway's request records as JavaScript sees them: read-only views that read exactly as the
 * JSON Jackson would write for them ({@code JSON.stringify} of a view gives that JSON), made one
 * member at a time as a policy reads them, instead of the whole request as a JSON tree up front.
 *
 * <p>A record whose Jackson serializer is a plain bean serializer is viewed property by property,
 * in Jackson's order, with its {@code @JsonAnyGetter} fields after them, leaving out {@code null}s
 * where Jackson leaves them out. A property is read when the policy first asks for it, through a
 * direct call of its accessor where the gateway can link one (Jackson's own reads are reflective
 * and cost several times more). Any other value (a custom serializer, a map, a number Jackson
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

    /** Whether every property of a class viewed property by property is read by a direct call (for tests). */
    static boolean linked(Class<?> type) {
        return SHAPES.get(type).map(shape -> shape.properties().stream()
                .allMatch(property -> property.writer() == null || property.accessor() != null)).orElse(false);
    }

    /** Whether instances of a class are viewed property by property, rather than as a JSON tree (for tests). */
    static boolean byProperty(Class<?> type) {
        return SHAPES.get(type).isPresent();
    }

    /** How Jackson writes one record class: its properties in order, its any-getter's fields among them. */
    private record Shape(List<Property> properties, Property anyGetter, Map<String, Integer> index) {
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
            Map<String, Integer> index = new HashMap<>();
            for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext(); ) {
                PropertyWriter next = it.next();
                if (next instanceof AnyGetterWriter && anyGetter != null) {
                    properties.add(new Property(null, null, true, null, null));
                } else if (next.getClass() == BeanPropertyWriter.class && next instanceof BeanPropertyWriter writer
                        && writer.getViews() == null && writer.getTypeSerializer() == null
                        && CUSTOM.stream().noneMatch(a -> writer.getAnnotation(a) != null)) {
                    index.put(writer.getName(), properties.size());
                    properties.add(new Property(writer.getName(), writer, writer.willSuppressNulls(), accessor(writer.getMember()),
                            writer.getMember()));
                } else {
                    return Optional.empty();
                }
            }
            Property extra = null;
            if (anyGetter != null) {
                anyGetter.fixAccess(true);
                extra = new Property(anyGetter.getName(), null, true, accessor(anyGetter), anyGetter);
            }
            return Optional.of(new Shape(List.copyOf(properties), extra, Map.copyOf(index)));
        }

        /** A view of one instance: its members are the fields Jackson would write for it. */
        ProxyObject view(Object bean) {
            if (anyGetter != null && anyGetter.get(bean) instanceof Map<?, ?> extra && !extra.isEmpty()) {
                return withExtra(bean, extra);
            }
            return new BeanView(this, bean);
        }

        /** A view of an instance with any-getter fields: its keys in order, each once (where it first comes). */
        private ProxyObject withExtra(Object bean, Map<?, ?> extra) {
            // In time linear in the fields, however many there are.
            Map<String, Object> members = new LinkedHashMap<>();
            for (Property property : properties) {
                if (property.writer() == null) {
                    extra.forEach((key, value) -> members.put(String.valueOf(key), value));
                } else {
                    Object value = property.get(bean);
                    if (value != null || !property.skipsNull()) {
                        members.put(property.name(), value);
                    }
                }
            }
            return ReadOnlyJson.object(List.copyOf(members.keySet()), key -> ReadOnlyBeans.of(members.get(key)));
        }
    }

    /**
     * The view of a record without any-getter fields. A property is read when the policy first
     * asks for it (or whether there is such a member: Jackson leaves out {@code null}s), and made a
     * view when first read.
     */
    private static final class BeanView implements ProxyObject, ReadOnlyJson.View {
        private final Shape shape;
        private final Object bean;
        /** The properties' values as read from the record; {@link ReadOnlyJson#UNREAD} until then. */
        private final Object[] values;
        /** The properties' views; {@link ReadOnlyJson#UNREAD} until made. */
        private Object[] views;

        BeanView(Shape shape, Object bean) {
            this.shape = shape;
            this.bean = bean;
            this.values = ReadOnlyJson.unread(shape.properties().size());
        }

        /** The position of a member; -1 where Jackson would not write one. */
        private int member(String key) {
            Integer i = shape.index().get(key);
            return i == null || value(i) == null && shape.properties().get(i).skipsNull() ? -1 : i;
        }

        private Object value(int i) {
            Object value = values[i];
            if (value == ReadOnlyJson.UNREAD) {
                value = values[i] = shape.properties().get(i).get(bean);
            }
            return value;
        }

        @Override
        public Object getMember(String key) {
            int i = member(key);
            if (i < 0) {
                return null;
            }
            if (views == null) {
                views = ReadOnlyJson.unread(values.length);
            }
            if (views[i] == ReadOnlyJson.UNREAD) {
                views[i] = ReadOnlyBeans.of(values[i]);
            }
            return views[i];
        }

        @Override
        public boolean hasMember(String key) {
            return member(key) >= 0;
        }

        @Override
        public Object getMemberKeys() {
            List<String> keys = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                Property property = shape.properties().get(i);
                if (property.writer() != null && (value(i) != null || !property.skipsNull())) {
                    keys.add(property.name());
                }
            }
            return ReadOnlyJson.strings(keys);
        }

        @Override
        public void putMember(String key, Value value) {
            throw ReadOnlyJson.readOnly();
        }

        @Override
        public boolean removeMember(String key) {
            throw ReadOnlyJson.readOnly();
        }

        @Override
        public String toString() {
            return "a read-only policy argument";
        }
    }

    /**
     * A property ({@code writer} {@code null} for where the any-getter's fields go, and for the
     * any-getter itself), read through a direct call of its accessor where the gateway can link one,
     * else as Jackson reads it.
     */
    private record Property(String name, BeanPropertyWriter writer, boolean skipsNull, Function<Object, Object> accessor,
            AnnotatedMember member) {
        Object get(Object bean) {
            try {
                return accessor != null ? accessor.apply(bean) : writer != null ? writer.get(bean) : member.getValue(bean);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + name + " of " + bean.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * A function calling a public accessor method directly, or {@code null} where there is none
     * the gateway's own class loader can link to (a field, a non-public class, a class of a
     * plugin's loader).
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(AnnotatedMember member) {
        if (!(member instanceof AnnotatedMethod annotated)) {
            return null;
        }
        Method method = annotated.getAnnotated();
        Class<?> owner = method.getDeclaringClass();
        if (method.getParameterCount() != 0 || !Modifier.isPublic(method.getModifiers())
                || !Modifier.isPublic(owner.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        try {
            if (Class.forName(owner.getName(), false, ReadOnlyBeans.class.getClassLoader()) != owner) {
                return null;
            }
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle handle = lookup.unreflect(method);
            CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                    MethodType.methodType(Object.class, Object.class), handle,
                    MethodType.methodType(method.getReturnType(), owner).wrap());
            return (Function<Object, Object>) site.getTarget().invoke();
        } catch (ReflectiveOperationException | LambdaConversionException | RuntimeException | LinkageError e) {
            return null;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot link the accessor " + method, e);
        }
    }
}
