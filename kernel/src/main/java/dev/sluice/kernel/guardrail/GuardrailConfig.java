package dev.sluice.kernel.guardrail;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig.ModelEntry;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Inspection.Stage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code guardrails:} section and each route's {@code guardrails:} list.
 *
 * <pre>{@code
 * guardrails:
 *   stream_mode: buffer              # buffer | incremental
 *   window: 256                      # incremental: characters held back and re-checked
 *   checks:
 *     - { name: pii, type: pii, stages: [input, output], action: redact, restore: true }
 *     - { name: banned, type: rules, deny: ["project falcon"] }
 * models:
 *   - name: internal
 *     guardrails: [banned]           # only these, in this order ([] for none)
 * }</pre>
 *
 * @param checks every check, in order
 * @param routes each route's own list of check names
 * @param streamMode how output checks see streams
 * @param window the incremental mode's window, in characters
 */
public record GuardrailConfig(List<CheckEntry> checks, Map<String, List<String>> routes, StreamMode streamMode,
        int window) {

    /** No guardrails. */
    public static final GuardrailConfig NONE = new GuardrailConfig(List.of(), Map.of(), StreamMode.BUFFER, 256);

    /** How output checks see a stream. */
    public enum StreamMode {
        /** Hold the whole stream, check it, then release it. */
        BUFFER,
        /** Check a sliding window as chunks arrive, holding back only the window. */
        INCREMENTAL
    }

    /**
     * One configured check.
     *
     * @param name its name (in audit records and metrics)
     * @param type the guardrail plugin's name
     * @param stages where it runs
     * @param restore whether placeholders it put in the prompt are put back in the answer
     * @param settings the entry, for the plugin
     */
    public record CheckEntry(String name, String type, Set<Stage> stages, boolean restore, Settings settings) {
    }

    public GuardrailConfig {
        checks = List.copyOf(checks);
        routes = Map.copyOf(routes);
    }

    /** Reads the section and the routes' lists. */
    public static GuardrailConfig read(Optional<Settings> section, List<ModelEntry> models) {
        Settings s = section.orElse(Settings.empty("guardrails"));
        StreamMode mode = s.string("stream_mode").map(v -> switch (v) {
            case "buffer" -> StreamMode.BUFFER;
            case "incremental" -> StreamMode.INCREMENTAL;
            default -> throw s.error("stream_mode", "expected buffer or incremental");
        }).orElse(StreamMode.BUFFER);
        int window = s.integer("window").orElse(256);
        if (window < 16 || window > 65536) {
            throw s.error("window", "must be between 16 and 65536 characters");
        }
        List<CheckEntry> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings c : s.list("checks")) {
            if (!c.isMapping()) {
                throw c.error("", "expected a mapping, e.g. { name: pii, type: pii, stages: [input] }");
            }
            String type = c.requireString("type");
            String name = c.string("name").orElse(type);
            if (!names.add(name)) {
                throw c.error("name", "two checks are named \"" + name + "\"; give each its own name");
            }
            Set<Stage> stages = EnumSet.noneOf(Stage.class);
            List<String> listed = c.has("stages") ? c.strings("stages") : List.of("input", "output");
            for (String stage : listed) {
                switch (stage.toLowerCase(Locale.ROOT)) {
                    case "input" -> stages.add(Stage.INPUT);
                    case "output" -> stages.add(Stage.OUTPUT);
                    default -> throw c.error("stages", "expected input and/or output, not \"" + stage + "\"");
                }
            }
            if (stages.isEmpty()) {
                throw c.error("stages", "a check needs input, output or both");
            }
            boolean restore = c.bool("restore").orElse(false);
            checks.add(new CheckEntry(name, type, Set.copyOf(stages), restore, c));
        }
        if (section.isPresent()) {
            ConfigReader.rejectUnknown(s);
        }
        Map<String, List<String>> routes = new HashMap<>();
        for (ModelEntry model : models) {
            if (!model.settings().has("guardrails")) {
                continue;
            }
            List<String> own = model.settings().strings("guardrails");
            for (String name : own) {
                if (!names.contains(name)) {
                    throw model.settings().error("guardrails", "no check named \"" + name + "\" under "
                            + "guardrails.checks (known: " + String.join(", ", names.stream().sorted().toList()) + ")");
                }
            }
            routes.put(model.name(), List.copyOf(own));
        }
        return new GuardrailConfig(checks, routes, mode, window);
    }
}
