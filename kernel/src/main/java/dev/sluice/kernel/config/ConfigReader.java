package dev.sluice.kernel.config;

import dev.sluice.kernel.config.GatewayConfig.ChainEntry;
import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.config.GatewayConfig.ModelEntry;
import dev.sluice.kernel.config.GatewayConfig.ProviderEntry;
import dev.sluice.kernel.config.GatewayConfig.RouteOptions;
import dev.sluice.kernel.config.GatewayConfig.RoutingConfig;
import dev.sluice.kernel.config.GatewayConfig.ServerConfig;
import dev.sluice.kernel.config.GatewayConfig.TargetEntry;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the YAML file into a {@link GatewayConfig}, rejecting unknown keys, wrong types and
 * duplicates with messages that name file, line and path.
 */
public final class ConfigReader {
    /** The prefix of the routing-strategy shorthand {@code js:FILE.js}. */
    public static final String JS_STRATEGY_PREFIX = "js:";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

    private ConfigReader() {
    }

    /**
     * Reads a configuration file.
     *
     * @param file the YAML file
     * @param home the folder relative paths are resolved against
     * @param env environment lookup
     */
    public static GatewayConfig read(Path file, Path home, Function<String, Optional<String>> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read the configuration file: " + e.getMessage());
        }
        return read(text, file.toString(), home, env);
    }

    /** Reads configuration text; {@code name} is used in messages. */
    public static GatewayConfig read(String text, String name, Path home, Function<String, Optional<String>> env) {
        Settings root = YamlLoader.load(text, name, env);
        ServerConfig server = server(root.child("server").orElse(Settings.empty("server")));
        Path pluginsDir = pluginsDir(root, home);
        List<ProviderEntry> providers = providers(root);
        RoutingConfig routing = RoutingSettings.routing(root.child("routing"));
        List<ModelEntry> models = models(root, routing.failover());
        List<ChainEntry> chain = chain(root);
        dev.sluice.kernel.state.Governance governance = dev.sluice.kernel.state.Governance.read(root, home);
        dev.sluice.kernel.cost.PricingConfig pricing = dev.sluice.kernel.cost.PricingConfig.read(root.child("pricing"),
                providers.stream().map(ProviderEntry::name).collect(java.util.stream.Collectors.toSet()));
        dev.sluice.kernel.audit.AuditConfig audit = dev.sluice.kernel.audit.AuditConfig.read(root.child("audit"),
                models, env);
        dev.sluice.kernel.cache.CacheConfig cache = dev.sluice.kernel.cache.CacheConfig.read(root.child("cache"),
                models);
        dev.sluice.kernel.guardrail.GuardrailConfig guardrails = dev.sluice.kernel.guardrail.GuardrailConfig.read(
                root.child("guardrails"), models);
        rejectUnknown(root);
        return new GatewayConfig(name, server, pluginsDir, providers, models, chain, routing, governance, pricing,
                audit, cache, guardrails);
    }

    /** Throws for the first key of the mapping that nothing read. */
    public static void rejectUnknown(Settings settings) {
        rejectUnknown(settings, "");
    }

    /** Throws for the first key nothing read, with a hint on what reads this mapping. */
    public static void rejectUnknown(Settings settings, String hint) {
        Set<String> unread = settings.unreadKeys();
        if (!unread.isEmpty()) {
            String key = unread.iterator().next();
            throw settings.error(key, "unknown key" + (hint.isEmpty() ? "" : " " + hint));
        }
    }

    private static ServerConfig server(Settings s) {
        String host = s.string("host").orElse("0.0.0.0");
        int port = s.integer("port").orElse(8080);
        if (port < 0 || port > 65535) {
            throw s.error("port", "must be between 0 and 65535");
        }
        long max = s.size("max_request_bytes").orElse(10L * 1024 * 1024);
        if (max < 1024) {
            throw s.error("max_request_bytes", "must be at least 1KB");
        }
        boolean reload = s.bool("reload").orElse(true);
        Duration interval = s.duration("reload_interval").orElse(Duration.ofSeconds(2));
        if (interval.toMillis() < 100) {
            throw s.error("reload_interval", "must be at least 100ms");
        }
        rejectUnknown(s);
        return new ServerConfig(host, port, max, reload, interval);
    }

    private static Path pluginsDir(Settings root, Path home) {
        Optional<Settings> plugins = root.child("plugins");
        String dir = plugins.flatMap(p -> p.string("dir")).orElse("plugins");
        plugins.ifPresent(ConfigReader::rejectUnknown);
        Path path = Path.of(dir);
        return path.isAbsolute() ? path : home.resolve(path).normalize();
    }

    private static List<ProviderEntry> providers(Settings root) {
        List<ProviderEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings p : root.list("providers")) {
            requireMapping(p);
            String name = name(p, "name");
            if (!names.add(name)) {
                throw p.error("name", "duplicate provider name \"" + name + "\"");
            }
            String type = p.requireString("type");
            List<String> requires = p.strings("requires_env");
            entries.add(new ProviderEntry(name, type, requires, p));
        }
        return entries;
    }

    private static List<ModelEntry> models(Settings root, FailoverConfig defaults) {
        List<ModelEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings m : root.list("models")) {
            requireMapping(m);
            String name = name(m, "name");
            if (!names.add(name)) {
                throw m.error("name", "duplicate model name \"" + name + "\"");
            }
            String strategy = m.string("strategy").orElse("fallback");
            if (strategy.startsWith(JS_STRATEGY_PREFIX)) {
                // "js:FILE" is short for strategy js with strategy_options.file FILE.
                if (strategy.length() == JS_STRATEGY_PREFIX.length()) {
                    throw m.error("strategy", "js: needs a policy file, e.g. js:route.js");
                }
                if (m.child("strategy_options").isPresent()) {
                    throw m.error("strategy_options", "strategy " + strategy + " names its file already; write "
                            + "strategy: js with strategy_options: { file: ... } to give more options");
                }
                strategy = "js";
            }
            List<TargetEntry> targets = new ArrayList<>();
            for (Settings t : m.list("targets")) {
                requireMapping(t);
                String provider = t.requireString("provider");
                String model = t.requireString("model");
                int weight = t.integer("weight").orElse(1);
                if (weight < 0) {
                    throw t.error("weight", "must not be negative");
                }
                targets.add(new TargetEntry(provider, model, weight, t));
            }
            if (targets.isEmpty()) {
                throw m.error("targets", "a model needs at least one target");
            }
            FailoverConfig failover = m.child("failover").map(f -> RoutingSettings.failover(f, defaults, true))
                    .orElse(defaults);
            RouteOptions options = RoutingSettings.routeOptions(m);
            m.markRead("strategy_options");
            // Read by AuditConfig, CacheConfig and GuardrailConfig once every route is known.
            m.markRead("audit");
            m.markRead("cache");
            m.markRead("guardrails");
            rejectUnknown(m);
            entries.add(new ModelEntry(name, strategy, targets, failover, options, m));
        }
        return entries;
    }

    private static List<ChainEntry> chain(Settings root) {
        List<ChainEntry> entries = new ArrayList<>();
        Optional<com.fasterxml.jackson.databind.JsonNode> raw = root.json("chain");
        if (raw.isEmpty()) {
            return entries;
        }
        if (!raw.get().isArray()) {
            throw root.error("chain", "expected a list of policy names");
        }
        for (int i = 0; i < raw.get().size(); i++) {
            var item = raw.get().get(i);
            String path = "chain[" + i + "]";
            if (item.isTextual()) {
                entries.add(new ChainEntry(item.asText(), Settings.empty(path), root.list("chain").get(i)));
            } else if (item.isObject() && item.size() == 1) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> only = item.fields().next();
                Settings step = root.list("chain").get(i);
                entries.add(new ChainEntry(only.getKey(), stepSettings(step, only), step));
            } else {
                throw root.list("chain").get(i).error("", "expected a policy name, or one name mapped to its settings");
            }
        }
        return entries;
    }

    private static Settings stepSettings(Settings step, Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> only) {
        if (only.getValue().isObject()) {
            return step.child(only.getKey()).orElseThrow();
        }
        if (only.getValue().isNull()) {
            step.markRead(only.getKey());
            return Settings.empty(step.pathOf(only.getKey()));
        }
        // "js: policies/x.js" style: the scalar becomes the step's "value" setting.
        return step.scalarAs(only.getKey(), "value");
    }

    private static String name(Settings s, String key) {
        if (s.json(key).filter(com.fasterxml.jackson.databind.JsonNode::isBoolean).isPresent()) {
            // YAML reads on/off/yes/no as booleans; a name must be written as text.
            throw s.error(key, "a name must be text: YAML reads this value as a boolean, so quote it");
        }
        String name = s.requireString(key);
        if (!NAME.matcher(name).matches()) {
            throw s.error(key, "\"" + name + "\" is not a valid name (letters, digits, . _ : / -)");
        }
        return name;
    }

    private static void requireMapping(Settings s) {
        if (!s.isMapping()) {
            throw s.error("", "expected a mapping of keys to values");
        }
    }
}
