package dev.sluice.kernel.audit;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig.ModelEntry;
import dev.sluice.spi.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code audit:} section and each route's {@code audit:} override.
 *
 * <pre>{@code
 * audit:
 *   prompts: hash                     # none | hash | full | encrypted
 *   encryption_key_env: SLUICE_AUDIT_KEY
 *   sinks:
 *     - { type: jsonl, path: data/audit }
 * models:
 *   - name: support-bot
 *     audit: { prompts: encrypted }
 * }</pre>
 *
 * @param prompts the prompt mode of routes that set none
 * @param routePrompts each route's own prompt mode
 * @param keyEnv the environment variable holding the AES key, for the {@code encrypted} mode
 * @param key the AES key, when some route encrypts
 * @param sinks the sinks, in order
 */
public record AuditConfig(PromptMode prompts, Map<String, PromptMode> routePrompts, String keyEnv,
        Optional<PromptCipher> key, List<SinkEntry> sinks) {

    /** No sinks, prompts hashed. */
    public static final AuditConfig NONE = new AuditConfig(PromptMode.HASH, Map.of(), "SLUICE_AUDIT_KEY",
            Optional.empty(), List.of());

    /**
     * One sink entry.
     *
     * @param type the sink's name
     * @param settings the entry, {@code type} read, for the sink
     */
    public record SinkEntry(String type, Settings settings) {
    }

    public AuditConfig {
        routePrompts = Map.copyOf(routePrompts);
        sinks = List.copyOf(sinks);
    }

    /** The prompt mode of a route (the default for requests without one). */
    public PromptMode promptsOf(Optional<String> route) {
        return route.map(routePrompts::get).orElse(prompts);
    }

    /** Reads the section and the routes' overrides. */
    public static AuditConfig read(Optional<Settings> section, List<ModelEntry> models,
            Function<String, Optional<String>> env) {
        Settings s = section.orElse(Settings.empty("audit"));
        PromptMode prompts = mode(s, "prompts").orElse(PromptMode.HASH);
        String keyEnv = s.string("encryption_key_env").orElse("SLUICE_AUDIT_KEY");
        List<SinkEntry> sinks = new ArrayList<>();
        for (Settings sink : s.list("sinks")) {
            if (!sink.isMapping()) {
                throw sink.error("", "expected a mapping with a type, e.g. { type: jsonl, path: data/audit }");
            }
            sinks.add(new SinkEntry(sink.requireString("type"), sink));
        }
        Map<String, PromptMode> routes = new HashMap<>();
        boolean encrypts = prompts == PromptMode.ENCRYPTED;
        for (ModelEntry model : models) {
            Optional<Settings> audit = model.settings().child("audit");
            if (audit.isEmpty()) {
                continue;
            }
            Optional<PromptMode> mode = mode(audit.get(), "prompts");
            ConfigReader.rejectUnknown(audit.get());
            if (mode.isPresent()) {
                routes.put(model.name(), mode.get());
                encrypts |= mode.get() == PromptMode.ENCRYPTED;
            }
        }
        Optional<PromptCipher> key = Optional.empty();
        if (encrypts) {
            String value = env.apply(keyEnv).filter(v -> !v.isBlank()).orElseThrow(() -> s.error(
                    "encryption_key_env", "prompts are to be encrypted but " + keyEnv + " is not set; create a key "
                            + "with `sluice audit keygen` and export it as " + keyEnv));
            try {
                key = Optional.of(PromptCipher.fromBase64(value));
            } catch (IllegalArgumentException e) {
                throw s.error("encryption_key_env", keyEnv + " " + e.getMessage());
            }
        }
        if (section.isPresent()) {
            ConfigReader.rejectUnknown(s);
        }
        return new AuditConfig(prompts, routes, keyEnv, key, sinks);
    }

    private static Optional<PromptMode> mode(Settings s, String key) {
        Optional<String> name = s.string(key);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PromptMode.named(name.get()).orElseThrow(() -> s.error(key,
                "unknown prompt mode \"" + name.get() + "\"; use none, hash, full or encrypted")));
    }
}
