package dev.sluice.kernel.guardrail;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The placeholders of one request: {@code [EMAIL_1]}, {@code [EMAIL_2]}, … numbered per type,
 * the same value always getting the same placeholder. For checks configured with
 * {@code restore: true} it remembers which value each placeholder stands for, so that the answer
 * to this request (and only this one) gets the values back; nothing of it outlives the request.
 */
final class Redactions {
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, String> originals = new LinkedHashMap<>();

    /** The placeholder for a value of a type. */
    synchronized String placeholder(String type, String value, boolean restorable) {
        String key = type + "\u0000" + value;
        String placeholder = placeholders.computeIfAbsent(key, k -> {
            int n = counters.merge(type, 1, Integer::sum);
            return "[" + type.toUpperCase(Locale.ROOT) + "_" + n + "]";
        });
        if (restorable) {
            originals.put(placeholder, value);
        }
        return placeholder;
    }

    /** Whether any placeholder is to be put back. */
    synchronized boolean restores() {
        return !originals.isEmpty();
    }

    /** The longest placeholder, for the incremental mode's hold-back. */
    synchronized int longest() {
        return originals.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The text with every restorable placeholder replaced by its value. */
    synchronized String restore(String text) {
        if (originals.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> e : originals.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
