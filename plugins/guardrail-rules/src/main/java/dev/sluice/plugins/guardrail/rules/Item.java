package dev.sluice.plugins.guardrail.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a list setting that takes either plain values or mappings, as in
 * {@code deny: ["project falcon", { word: kill, action: flag }]}; a single plain value stands for
 * a list of one. Errors name the entry's index.
 *
 * @param settings the entry when it is a mapping or a list element; the parent otherwise
 * @param key the key errors are about, relative to {@code settings} (empty for a list element)
 * @param scalar the plain value, when the entry is one
 */
record Item(Settings settings, String key, Optional<String> scalar) {

    /** The entries of a list setting (none when absent). */
    static List<Item> of(Settings parent, String key) {
        Optional<JsonNode> value = parent.json(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get().isValueNode()) {
            return List.of(new Item(parent, key, Optional.of(value.get().asText())));
        }
        List<Item> items = new ArrayList<>();
        for (Settings element : parent.list(key)) {
            JsonNode node = element.json();
            if (node.isValueNode()) {
                if (node.isNull()) {
                    throw element.error("", "expected a value, got nothing");
                }
                items.add(new Item(element, "", Optional.of(node.asText())));
            } else if (node.isObject()) {
                items.add(new Item(element, "", Optional.empty()));
            } else {
                throw element.error("", "expected a value or a mapping, got a list");
            }
        }
        return items;
    }

    /** An error about this entry. */
    ConfigException error(String problem) {
        return settings.error(key, problem);
    }

    /** An error about a field of this mapping entry. */
    ConfigException error(String field, String problem) {
        return settings.error(field, problem);
    }

    /** The path of this entry, for messages. */
    String path() {
        return settings.pathOf(key);
    }

    /** Fails on keys of this mapping entry other than {@code known}. */
    void rejectUnknown(Set<String> known) {
        for (String k : settings.keys()) {
            if (!known.contains(k)) {
                throw settings.error(k, "unknown key; expected one of " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** A required text field of this mapping entry. */
    String required(String field) {
        return settings.requireString(field);
    }
}
