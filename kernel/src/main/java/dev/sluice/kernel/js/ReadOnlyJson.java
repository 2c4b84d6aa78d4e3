package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * JSON as JavaScript sees it: objects and arrays that read like plain JSON values
 * ({@code JSON.stringify}, spread, {@code Object.keys}, array methods all work) but that cannot be
 * written to. Reading a view gives strings, numbers, booleans, {@code null}, more read-only views
 * or {@code ctx}'s fact objects ({@link PolicyFacts}), never a live gateway object. A view either
 * wraps a JSON tree or computes its members from the gateway's own objects ({@link #object},
 * {@link #array}; request records have a view of their own in {@link ReadOnlyBeans}); either way a
 * member is made on first read, which is cheaper than building, or parsing in JavaScript, what a
 * policy does not read.
 *
 * <p>A view belongs to one call on one thread; it is not thread-safe.
 */
final class ReadOnlyJson {
    private ReadOnlyJson() {
    }

    /** The JavaScript-facing value of a node: a primitive, or a read-only view. */
    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(keys::add);
            return object(keys, key -> of(node.get(key)));
        }
        if (node.isArray()) {
            return array(node.size(), i -> of(node.get(i)));
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /**
     * A read-only object with a fixed set of members, each computed on first read (and then kept, so
     * that a member read twice is the same object).
     *
     * @param keys the members, in the order {@code Object.keys} gives them
     * @param member the value of a member: a string, number, boolean, {@code null} or another view
     */
    static ProxyObject object(List<String> keys, Function<String, Object> member) {
        return new ComputedObject(keys, member);
    }

    /** A read-only array whose elements are computed on first read, as {@link #object}'s members. */
    static ProxyArray array(int size, IntFunction<Object> element) {
        return new ComputedArray(size, element);
    }

    /** A read-only array of strings. */
    static ProxyArray strings(List<String> values) {
        return array(values.size(), values::get);
    }

    /** Whether a value is one of these read-only views. */
    static boolean isView(Object value) {
        return value instanceof View;
    }

    /** What every read-only view implements, so that one passes through {@link ReadOnlyBeans#of} as it is. */
    interface View {
    }

    static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("policy arguments are read-only: return a decision to change the request");
    }

    /** Stands for a member not read yet ({@code null} is a value). */
    static final Object UNREAD = new Object();

    /** Slots for {@code size} members, none read yet. */
    static Object[] unread(int size) {
        Object[] slots = new Object[size];
        Arrays.fill(slots, UNREAD);
        return slots;
    }

    /** A read-only object: a JSON object's, or one computed from the gateway's objects. */
    private static final class ComputedObject implements ProxyObject, View {
        /** Objects with more members find them through a map. */
        private static final int SCANNED = 12;

        private final List<String> keys;
        private final Map<String, Integer> index;
        private final Function<String, Object> member;
        private final Object[] read;

        ComputedObject(List<String> keys, Function<String, Object> member) {
            this.keys = keys;
            this.member = member;
            this.read = unread(keys.size());
            if (keys.size() > SCANNED) {
                index = new HashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    index.putIfAbsent(keys.get(i), i);
                }
            } else {
                index = null;
            }
        }

        private int indexOf(String key) {
            if (index == null) {
                return keys.indexOf(key);
            }
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }

        @Override
        public Object getMember(String key) {
            int i = indexOf(key);
            if (i < 0) {
                return null;
            }
            if (read[i] == UNREAD) {
                read[i] = member.apply(key);
            }
            return read[i];
        }

        @Override
        public Object getMemberKeys() {
            return strings(keys);
        }

        @Override
        public boolean hasMember(String key) {
            return indexOf(key) >= 0;
        }

        @Override
        public void putMember(String key, Value value) {
            throw readOnly();
        }

        @Override
        public boolean removeMember(String key) {
            throw readOnly();
        }

        @Override
        public String toString() {
            return "a read-only policy argument";
        }
    }

    /** A read-only array: a JSON array's, or one computed from the gateway's objects. */
    private static final class ComputedArray implements ProxyArray, View {
        private final IntFunction<Object> element;
        private final Object[] read;

        ComputedArray(int size, IntFunction<Object> element) {
            this.element = element;
            this.read = unread(size);
        }

        @Override
        public Object get(long index) {
            if (index < 0 || index >= read.length) {
                return null;
            }
            int i = (int) index;
            if (read[i] == UNREAD) {
                read[i] = element.apply(i);
            }
            return read[i];
        }

        @Override
        public void set(long index, Value value) {
            throw readOnly();
        }

        @Override
        public boolean remove(long index) {
            throw readOnly();
        }

        @Override
        public long getSize() {
            return read.length;
        }

        @Override
        public String toString() {
            return "a read-only policy argument";
        }
    }
}
