package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A JSON tree as JavaScript sees it: objects and arrays that read like plain JSON values
 * ({@code JSON.stringify}, spread, {@code Object.keys}, array methods all work) but that cannot be
 * written to. Only strings, numbers, booleans, {@code null} and more read-only views cross into
 * JavaScript, so a policy never holds a live host object; members are wrapped on first read, which
 * is cheaper than parsing JSON text in JavaScript for what a policy does not read.
 *
 * <p>A view belongs to one call on one worker thread; it is not thread-safe.
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
            return new ObjectView(node);
        }
        if (node.isArray()) {
            return new ArrayView(node);
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

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("policy arguments are read-only: return a decision to change the request");
    }

    /** A read-only JSON object. */
    private static final class ObjectView implements ProxyObject {
        private final JsonNode node;
        private Map<String, Object> read;

        ObjectView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object getMember(String key) {
            if (read == null) {
                read = new HashMap<>();
            }
            // Wrapped once, so that a member read twice is the same object.
            return read.computeIfAbsent(key, k -> of(node.get(k)));
        }

        @Override
        public Object getMemberKeys() {
            List<String> keys = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(keys::add);
            return ProxyArray.fromList(List.copyOf(keys));
        }

        @Override
        public boolean hasMember(String key) {
            return node.has(key);
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
            // What GraalJS names in the TypeError of a write.
            return "a read-only policy argument";
        }
    }

    /** A read-only JSON array. */
    private static final class ArrayView implements ProxyArray {
        private final JsonNode node;
        private Object[] read;

        ArrayView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object get(long index) {
            if (index < 0 || index >= node.size()) {
                return null;
            }
            if (read == null) {
                read = new Object[node.size()];
            }
            int i = (int) index;
            if (read[i] == null) {
                read[i] = of(node.get(i));
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
            return node.size();
        }

        @Override
        public String toString() {
            return "a read-only policy argument";
        }
    }
}
