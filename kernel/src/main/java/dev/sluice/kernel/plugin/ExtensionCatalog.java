package dev.sluice.kernel.plugin;

import dev.sluice.spi.Policy;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.audit.AuditSink;
import dev.sluice.spi.cache.ResponseCache;
import dev.sluice.spi.guardrail.Guardrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Every extension the gateway can use, found through its two doors: PF4J plugin JARs in the
 * plugins folder (each in its own class loader) and {@link ServiceLoader} on the class path (for
 * embedding and tests). A name resolves to exactly one extension; the same name from two sources
 * is a start-up error naming both.
 *
 * <p>Plugins are loaded once per process; configuration reloads reuse the catalog.
 */
public final class ExtensionCatalog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExtensionCatalog.class.getName());

    private final PluginManager plugins;
    private final Map<String, Found<ProviderAdapter>> providers;
    private final Map<String, Found<RoutingStrategy>> strategies;
    private final Map<String, Found<Policy>> policies;
    private final Map<String, Found<AuditSink>> auditSinks;
    private final Map<String, Found<ResponseCache>> caches;
    private final Map<String, Found<Guardrail>> guardrails;
    private final List<PluginInfo> pluginInfos;

    /**
     * An extension and where it came from.
     *
     * @param extension the extension instance
     * @param source {@code plugin <id>} or {@code classpath}
     * @param <T> the extension point
     */
    public record Found<T>(T extension, String source) {
    }

    /**
     * A loaded plugin, for {@code sluice plugins}.
     *
     * @param id the plugin id
     * @param version its version
     * @param state PF4J's state, e.g. STARTED
     * @param path the JAR or folder
     * @param extensions {@code kind name} of each extension it provides
     */
    public record PluginInfo(String id, String version, String state, Path path, List<String> extensions) {
    }

    private ExtensionCatalog(PluginManager plugins, Map<String, Found<ProviderAdapter>> providers,
            Map<String, Found<RoutingStrategy>> strategies, Map<String, Found<Policy>> policies,
            Map<String, Found<AuditSink>> auditSinks, Map<String, Found<ResponseCache>> caches,
            Map<String, Found<Guardrail>> guardrails, List<PluginInfo> pluginInfos) {
        this.plugins = plugins;
        this.providers = providers;
        this.strategies = strategies;
        this.policies = policies;
        this.auditSinks = auditSinks;
        this.caches = caches;
        this.guardrails = guardrails;
        this.pluginInfos = pluginInfos;
    }

    /** Loads and starts every plugin in the folder (which may be absent) and scans the class path. */
    public static ExtensionCatalog load(Path pluginsDir) {
        PluginManager manager = Files.isDirectory(pluginsDir) ? new DefaultPluginManager(pluginsDir)
                : new DefaultPluginManager(List.of());
        try {
            return load(manager, pluginsDir);
        } catch (RuntimeException e) {
            // A clash (or any other failure) must not leave started plugins behind.
            stop(manager);
            throw e;
        }
    }

    private static ExtensionCatalog load(PluginManager manager, Path pluginsDir) {
        if (Files.isDirectory(pluginsDir)) {
            manager.loadPlugins();
            manager.startPlugins();
        } else {
            LOG.warning("plugins folder " + pluginsDir + " does not exist: only class-path extensions are used");
        }
        Map<String, Found<ProviderAdapter>> providers = new TreeMap<>();
        Map<String, Found<RoutingStrategy>> strategies = new TreeMap<>();
        Map<String, Found<Policy>> policies = new TreeMap<>();
        Map<String, Found<AuditSink>> sinks = new TreeMap<>();
        Map<String, Found<ResponseCache>> caches = new TreeMap<>();
        Map<String, Found<Guardrail>> guardrails = new TreeMap<>();
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            String source = "plugin " + plugin.getPluginId();
            List<String> provided = new ArrayList<>();
            if (plugin.getPluginState() == PluginState.STARTED) {
                String id = plugin.getPluginId();
                for (ProviderAdapter a : manager.getExtensions(ProviderAdapter.class, id)) {
                    add(providers, "provider type", a.name(), a, source);
                    provided.add("provider " + a.name());
                }
                for (RoutingStrategy s : manager.getExtensions(RoutingStrategy.class, id)) {
                    add(strategies, "routing strategy", s.name(), s, source);
                    provided.add("strategy " + s.name());
                }
                for (Policy p : manager.getExtensions(Policy.class, id)) {
                    add(policies, "policy", p.name(), p, source);
                    provided.add("policy " + p.name());
                }
                for (AuditSink a : manager.getExtensions(AuditSink.class, id)) {
                    add(sinks, "audit sink", a.name(), a, source);
                    provided.add("audit-sink " + a.name());
                }
                for (ResponseCache c : manager.getExtensions(ResponseCache.class, id)) {
                    add(caches, "cache store", c.name(), c, source);
                    provided.add("cache " + c.name());
                }
                for (Guardrail g : manager.getExtensions(Guardrail.class, id)) {
                    add(guardrails, "guardrail", g.name(), g, source);
                    provided.add("guardrail " + g.name());
                }
            } else {
                LOG.warning("plugin " + plugin.getPluginId() + " is " + plugin.getPluginState()
                        + Optional.ofNullable(plugin.getFailedException()).map(e -> ": " + e.getMessage()).orElse(""));
            }
            infos.add(new PluginInfo(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginState().toString(), plugin.getPluginPath(), List.copyOf(provided)));
        }
        ClassLoader host = ExtensionCatalog.class.getClassLoader();
        for (ProviderAdapter a : ServiceLoader.load(ProviderAdapter.class, host)) {
            add(providers, "provider type", a.name(), a, "classpath " + a.getClass().getName());
        }
        for (RoutingStrategy s : ServiceLoader.load(RoutingStrategy.class, host)) {
            add(strategies, "routing strategy", s.name(), s, "classpath " + s.getClass().getName());
        }
        for (Policy p : ServiceLoader.load(Policy.class, host)) {
            add(policies, "policy", p.name(), p, "classpath " + p.getClass().getName());
        }
        for (AuditSink a : ServiceLoader.load(AuditSink.class, host)) {
            add(sinks, "audit sink", a.name(), a, "classpath " + a.getClass().getName());
        }
        for (ResponseCache c : ServiceLoader.load(ResponseCache.class, host)) {
            add(caches, "cache store", c.name(), c, "classpath " + c.getClass().getName());
        }
        for (Guardrail g : ServiceLoader.load(Guardrail.class, host)) {
            add(guardrails, "guardrail", g.name(), g, "classpath " + g.getClass().getName());
        }
        return new ExtensionCatalog(manager, Collections.unmodifiableMap(providers),
                Collections.unmodifiableMap(strategies), Collections.unmodifiableMap(policies),
                Collections.unmodifiableMap(sinks), Collections.unmodifiableMap(caches),
                Collections.unmodifiableMap(guardrails), List.copyOf(infos));
    }

    private static <T> void add(Map<String, Found<T>> map, String kind, String name, T extension, String source) {
        Found<T> previous = map.putIfAbsent(name, new Found<>(extension, source));
        if (previous != null) {
            throw new IllegalStateException(kind + " \"" + name + "\" is provided twice: by " + previous.source()
                    + " (" + previous.extension().getClass().getName() + ") and by " + source + " ("
                    + extension.getClass().getName() + ")");
        }
    }

    /** Provider adapters by type name. */
    public Map<String, Found<ProviderAdapter>> providers() {
        return providers;
    }

    /** Routing strategies by name. */
    public Map<String, Found<RoutingStrategy>> strategies() {
        return strategies;
    }

    /** Policies by name. */
    public Map<String, Found<Policy>> policies() {
        return policies;
    }

    /** Audit sinks by type name. */
    public Map<String, Found<AuditSink>> auditSinks() {
        return auditSinks;
    }

    /** Response cache stores by type name. */
    public Map<String, Found<ResponseCache>> caches() {
        return caches;
    }

    /** Guardrails by type name. */
    public Map<String, Found<Guardrail>> guardrails() {
        return guardrails;
    }

    /** The plugins found in the folder. */
    public List<PluginInfo> plugins() {
        return pluginInfos;
    }

    /** The names of one kind, for "known: …" messages. */
    public static String known(Map<String, ?> map) {
        return map.isEmpty() ? "none installed" : String.join(", ", map.keySet());
    }

    /** Looks a name up. */
    public static <T> Optional<T> find(Map<String, Found<T>> map, String name) {
        return Optional.ofNullable(map.get(name)).map(Found::extension);
    }

    /** Stops every plugin. */
    @Override
    public void close() {
        stop(plugins);
    }

    private static void stop(PluginManager plugins) {
        // PF4J 3.15's stopPlugins()/unloadPlugins() modify the list they iterate; go one by one.
        List<PluginWrapper> started = new ArrayList<>(plugins.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            plugins.stopPlugin(plugin.getPluginId());
        }
        for (PluginWrapper plugin : new ArrayList<>(plugins.getPlugins())) {
            plugins.unloadPlugin(plugin.getPluginId());
        }
    }
}
