package dev.sluice.kernel.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the YAML configuration into a tree whose every path knows its line, with environment
 * variables interpolated, and hands it out as root {@link Settings}.
 *
 * <p>{@code ${VAR}} placeholders are swapped for YAML-safe tokens before parsing (so they may
 * stand inside flow mappings such as {@code { api_key: ${KEY} }}), and resolved in scalar values
 * after parsing, so line numbers stay those of the file.
 */
public final class YamlLoader {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlLoader() {
    }

    /**
     * Parses YAML text.
     *
     * @param text the file's content
     * @param file the file name for messages
     * @param env environment lookup for {@code ${VAR}}
     */
    public static Settings load(String text, String file, Function<String, Optional<String>> env) {
        Interpolation interpolation = Interpolation.prepare(text, file);
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root;
        try (JsonParser parser = YAML.createParser(interpolation.text())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                root = NODES.objectNode();
            } else if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(file + ":" + parser.currentTokenLocation().getLineNr(), "",
                        "the configuration must be a mapping of keys to values");
            } else {
                root = readObject(parser, "", lines, interpolation, env, file);
            }
        } catch (IOException e) {
            throw syntaxError(e, file);
        }
        return new Settings(root, "", file, path -> Optional.ofNullable(lines.get(path)));
    }

    private static ConfigException syntaxError(IOException e, String file) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int cut = message.indexOf("\n at [Source");
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            return new ConfigException(file + ":" + jpe.getLocation().getLineNr(), "",
                    "invalid YAML: " + firstLine(message));
        }
        return new ConfigException(file, "", "invalid YAML: " + firstLine(message));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ObjectNode readObject(JsonParser p, String path, Map<String, Integer> lines,
            Interpolation interpolation, Function<String, Optional<String>> env, String file) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String childPath = path.isEmpty() ? key : path + "." + key;
            int line = line(p.currentTokenLocation());
            if (object.has(key)) {
                throw new ConfigException(file + ":" + line, childPath, "duplicate key");
            }
            lines.put(childPath, line);
            p.nextToken();
            object.set(key, readValue(p, childPath, lines, interpolation, env, file));
        }
        return object;
    }

    private static JsonNode readValue(JsonParser p, String path, Map<String, Integer> lines,
            Interpolation interpolation, Function<String, Optional<String>> env, String file) throws IOException {
        JsonToken token = p.currentToken();
        int line = line(p.currentTokenLocation());
        lines.putIfAbsent(path, line);
        switch (token) {
            case START_OBJECT:
                return readObject(p, path, lines, interpolation, env, file);
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String itemPath = path + "[" + index++ + "]";
                    array.add(readValue(p, itemPath, lines, interpolation, env, file));
                }
                return array;
            }
            case VALUE_STRING: {
                String text = p.getText();
                return NODES.textNode(interpolation.resolve(text, env, file + ":" + line, path));
            }
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NODES.numberNode(p.getBigIntegerValue())
                        : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new ConfigException(file + ":" + line, path, "unsupported YAML value");
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
