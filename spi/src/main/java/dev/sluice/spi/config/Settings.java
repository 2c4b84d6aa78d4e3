package dev.sluice.spi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only view of one mapping of the configuration file, with typed accessors whose errors
 * name file, line and path. Environment variables are already interpolated.
 *
 * <p>Every key an extension reads is remembered; after an extension is created, the kernel
 * reports any key nobody read as unknown, so a typo such as {@code api_kye} is an error and not
 * silently ignored.
 *
 * <pre>{@code
 * String baseUrl = settings.string("base_url").orElse("https://api.openai.com/v1");
 * Duration timeout = settings.duration("read_timeout").orElse(Duration.ofMinutes(10));
 * }</pre>
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgG]?)(i?[bB])?");

    private final JsonNode node;
    private final String path;
    private final String file;
    private final Function<String, Optional<Integer>> lines;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    /**
     * @param node the mapping (or a missing node for none)
     * @param path its path in the file, e.g. {@code providers[0]}; empty for the root
     * @param file the file name for messages
     * @param lines the line of a path, where known
     */
    public Settings(JsonNode node, String path, String file, Function<String, Optional<Integer>> lines) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.file = file;
        this.lines = lines;
    }

    /** Settings with nothing in them. */
    public static Settings empty(String path) {
        return new Settings(MissingNode.getInstance(), path, "", p -> Optional.empty());
    }

    /** Settings from a JSON tree without line information (tests, programmatic use). */
    public static Settings of(JsonNode node) {
        return new Settings(node, "", "", p -> Optional.empty());
    }

    /** The path of this mapping in the file. */
    public String path() {
        return path;
    }

    /** The path of a key below this mapping. */
    public String pathOf(String key) {
        if (key.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code file:line} of a key (or of this mapping when the key has no line). */
    public String locationOf(String key) {
        Optional<Integer> line = lines.apply(pathOf(key)).or(() -> lines.apply(path));
        return line.map(l -> file + ":" + l).orElse(file);
    }

    /** An error about a key, to throw: it names file, line and path. */
    public ConfigException error(String key, String problem) {
        return new ConfigException(locationOf(key), pathOf(key), problem);
    }

    /** Whether the key is present (and not null). */
    public boolean has(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The keys present, in file order. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Keys present that nobody has read. */
    public Set<String> unreadKeys() {
        Set<String> unread = keys();
        unread.removeAll(read);
        return unread;
    }

    /** Marks a key as read without reading it (for keys handled elsewhere). */
    public void markRead(String key) {
        read.add(key);
    }

    /** A scalar as text. */
    public Optional<String> string(String key) {
        JsonNode value = scalar(key);
        return value == null ? Optional.empty() : Optional.of(value.asText());
    }

    /** A scalar as text that must be present and non-empty. */
    public String requireString(String key) {
        return string(key).filter(s -> !s.isBlank())
                .orElseThrow(() -> error(key, "required, and missing or empty"));
    }

    /** A whole number. */
    public Optional<Integer> integer(String key) {
        return string(key).map(s -> {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                throw error(key, "expected a whole number, got \"" + s + "\"");
            }
        });
    }

    /** A number. */
    public Optional<Double> number(String key) {
        return string(key).map(s -> {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                throw error(key, "expected a number, got \"" + s + "\"");
            }
        });
    }

    /** A boolean: {@code true} or {@code false}. */
    public Optional<Boolean> bool(String key) {
        return string(key).map(s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw error(key, "expected true or false, got \"" + s + "\"");
        });
    }

    /** A duration such as {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}; a bare number is seconds. */
    public Optional<Duration> duration(String key) {
        return string(key).map(s -> {
            Matcher m = DURATION.matcher(s.trim());
            if (!m.matches()) {
                throw error(key, "expected a duration such as 500ms, 5s, 10m or 1h, got \"" + s + "\"");
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 86_400_000;
            };
            return Duration.ofMillis(Math.round(millis));
        });
    }

    /** A size in bytes such as {@code 512KB}, {@code 10MB}, {@code 1GiB}; a bare number is bytes. */
    public Optional<Long> size(String key) {
        return string(key).map(s -> {
            Matcher m = SIZE.matcher(s.trim());
            if (!m.matches()) {
                throw error(key, "expected a size such as 512KB or 10MB, got \"" + s + "\"");
            }
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "K" -> amount * 1024;
                case "M" -> amount * 1024 * 1024;
                case "G" -> amount * 1024 * 1024 * 1024;
                default -> amount;
            };
        });
    }

    /** A list of scalars; a single scalar counts as a list of one. */
    public List<String> strings(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw error(key, "expected a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode()) {
                throw new ConfigException(locationOf(key + "[" + i + "]"), pathOf(key) + "[" + i + "]",
                        "expected a plain value");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A nested mapping. */
    public Optional<Settings> child(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw error(key, "expected a mapping of keys to values");
        }
        return Optional.of(new Settings(value, pathOf(key), file, lines));
    }

    /** A list of mappings. */
    public List<Settings> list(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(key, "expected a list");
        }
        List<Settings> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(new Settings(value.get(i), pathOf(key) + "[" + i + "]", file, lines));
        }
        return out;
    }

    /** The raw value of a key, for extensions that bind a subtree themselves. */
    public Optional<JsonNode> json(String key) {
        read.add(key);
        return Optional.ofNullable(node.get(key)).filter(n -> !n.isNull());
    }

    /**
     * A scalar written where a mapping could stand (as in {@code - js: policies/x.js}), seen as a
     * mapping with that value under {@code name}; keeps file and line for messages.
     */
    public Settings scalarAs(String key, String name) {
        read.add(key);
        ObjectNode wrapped = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        wrapped.set(name, node.get(key));
        String keyPath = pathOf(key);
        return new Settings(wrapped, keyPath, file, p -> lines.apply(p.equals(keyPath + "." + name) ? keyPath : p));
    }

    /** The whole mapping as JSON. */
    public JsonNode json() {
        return node;
    }

    /** Whether this is a mapping (as opposed to a scalar or list in the file). */
    public boolean isMapping() {
        return node.isObject() || node.isMissingNode();
    }

    private JsonNode scalar(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw error(key, "expected a plain value, got a " + (value.isArray() ? "list" : "mapping"));
        }
        return value;
    }
}
