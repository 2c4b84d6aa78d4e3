package dev.sluice.kernel;

import dev.sluice.kernel.auth.Access;
import dev.sluice.kernel.chain.PolicyChain;
import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig;
import dev.sluice.kernel.config.GatewayConfig.ChainEntry;
import dev.sluice.kernel.config.GatewayConfig.ModelEntry;
import dev.sluice.kernel.config.GatewayConfig.ProviderEntry;
import dev.sluice.kernel.config.GatewayConfig.TargetEntry;
import dev.sluice.kernel.cost.CallMeter;
import dev.sluice.kernel.cost.PriceBook;
import dev.sluice.kernel.cost.PriceTable;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.kernel.route.CompiledRoute;
import dev.sluice.kernel.route.Router;
import dev.sluice.kernel.route.RoutingState;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.kernel.state.GatewayState;
import dev.sluice.kernel.state.GovernedChain;
import dev.sluice.kernel.cache.CachePolicy;
import dev.sluice.kernel.guardrail.GuardrailPolicy;
import dev.sluice.kernel.cache.CacheStores;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Policy;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.Result;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.model.ModelInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One assembled, immutable gateway: providers, routes and the policy chain built from one
 * configuration. A reload builds a new runtime and swaps it in; requests finish on the runtime
 * they started with, and a retired runtime closes its providers when its last request ends.
 */
public final class GatewayRuntime {
    private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());

    private final GatewayConfig config;
    private final Map<String, Provider> providers;
    private final Map<String, CompiledRoute> routes;
    private final PolicyChain chain;
    private final List<String> notes;
    private final Access access;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    private GatewayRuntime(GatewayConfig config, Map<String, Provider> providers, Map<String, CompiledRoute> routes,
            PolicyChain chain, List<String> notes, Access access) {
        this.config = config;
        this.access = access;
        this.providers = providers;
        this.routes = routes;
        this.chain = chain;
        this.notes = notes;
    }

    /**
     * Builds a runtime, checking every name against what the plugins provide. Throws
     * {@link dev.sluice.spi.config.ConfigException} naming file, line and path on the first error.
     */
    public static GatewayRuntime assemble(GatewayConfig config, ExtensionCatalog catalog, GatewayContext context) {
        RoutingState state = context instanceof KernelContext kernel ? kernel.routing()
                : RoutingState.create(context.clock());
        return assemble(config, catalog, context, state);
    }

    /**
     * Builds a runtime whose routes record into, and read from, the given long-lived routing
     * state; the state takes this configuration's {@code routing.health} and {@code routing.affinity}.
     */
    public static GatewayRuntime assemble(GatewayConfig config, ExtensionCatalog catalog, GatewayContext context,
            RoutingState state) {
        return assemble(config, catalog, context, state, GatewayState.detached(context));
    }

    /**
     * Builds a runtime whose keys, budgets, limits and spend use the gateway's long-lived
     * {@code shared} state.
     */
    public static GatewayRuntime assemble(GatewayConfig config, ExtensionCatalog catalog, GatewayContext context,
            GatewayState shared) {
        RoutingState state = context instanceof KernelContext kernel ? kernel.routing()
                : RoutingState.create(context.clock());
        return assemble(config, catalog, context, state, shared);
    }

    private static GatewayRuntime assemble(GatewayConfig config, ExtensionCatalog catalog, GatewayContext context,
            RoutingState state, GatewayState shared) {
        List<String> notes = new ArrayList<>();
        Map<String, Provider> providers = new LinkedHashMap<>();
        List<String> configured = config.providers().stream().map(ProviderEntry::name).toList();
        try {
            for (ProviderEntry entry : config.providers()) {
                Optional<String> missing = entry.requiresEnv().stream()
                        .filter(v -> context.env(v).filter(s -> !s.isBlank()).isEmpty()).findFirst();
                if (missing.isPresent()) {
                    notes.add("provider " + entry.name() + " is off: " + missing.get() + " is not set");
                    continue;
                }
                ProviderAdapter adapter = ExtensionCatalog.find(catalog.providers(), entry.type())
                        .orElseThrow(() -> entry.settings().error("type", "unknown provider type \"" + entry.type()
                                + "\" (known: " + ExtensionCatalog.known(catalog.providers()) + ")"));
                Settings settings = entry.settings();
                Provider provider = adapter.create(entry.name(), settings, context);
                ConfigReader.rejectUnknown(settings, "for provider type " + entry.type());
                providers.put(entry.name(), provider);
            }
            Map<String, CompiledRoute> routes = new LinkedHashMap<>();
            for (ModelEntry model : config.models()) {
                compile(model, configured, providers, catalog, context, state, notes)
                        .ifPresent(r -> routes.put(model.name(), r));
            }
            List<ChainStep> steps = new ArrayList<>();
            CacheStores caches = context instanceof KernelContext kernel ? kernel.caches() : CacheStores.none();
            Optional<ChainStep> cache = CachePolicy.step(config.cache(), caches, context.clock());
            boolean cachePlaced = false;
            Optional<ChainStep> guardrail = GuardrailPolicy.step(config.guardrails(), catalog, context);
            boolean guardrailPlaced = config.chain().stream().anyMatch(e -> e.name().equals(GuardrailPolicy.NAME));
            if (!guardrailPlaced) {
                guardrail.ifPresent(steps::add);
            }
            for (ChainEntry entry : config.chain()) {
                if (entry.name().equals(GuardrailPolicy.NAME)) {
                    ConfigReader.rejectUnknown(entry.settings(),
                            "for the guardrail step (its settings are under guardrails:)");
                    guardrail.ifPresent(steps::add);
                    continue;
                }
                if (entry.name().equals(CachePolicy.NAME)) {
                    ConfigReader.rejectUnknown(entry.settings(), "for the cache step (its settings are under cache:)");
                    if (cachePlaced) {
                        throw entry.origin().error("", "cache appears twice in the chain");
                    }
                    cache.ifPresent(steps::add);
                    cachePlaced = true;
                    continue;
                }
                Policy policy = ExtensionCatalog.find(catalog.policies(), entry.name())
                        .orElseThrow(() -> entry.origin().error("", "unknown policy \"" + entry.name() + "\" (known: "
                                + ExtensionCatalog.known(catalog.policies()) + ")"));
                steps.add(policy.create(entry.settings(), context));
                ConfigReader.rejectUnknown(entry.settings(), "for policy " + entry.name());
            }
            if (!cachePlaced) {
                cache.ifPresent(steps::add);
            }
            state.configure(config.routing());
            state.health().retain(routes.values().stream().flatMap(r -> r.route().targets().stream())
                    .map(Target::label).toList());
            PriceBook prices = PriceBook.of(PriceTable.bundled(), config.pricing(), config.providers().stream()
                    .collect(java.util.stream.Collectors.toMap(ProviderEntry::name, ProviderEntry::type)),
                    catalog.providers().keySet());
            notes.addAll(prices.notes(routes.values().stream().flatMap(r -> r.route().targets().stream()).toList()));
            Router router = new Router(routes, providers, config.directRouting(), state, config.routing().failover());
            List<ChainStep> governed = GovernedChain.steps(steps, config.governance(), shared, context, routes,
                    providers.keySet(), config.directRouting());
            Access access = new Access(config.governance().auth(), shared.keys(), context.clock());
            if (context instanceof KernelContext kernel) {
                kernel.prices().use(prices);
            }
            PolicyChain chain = new PolicyChain(governed, new CallMeter(prices).after(router::route));
            return new GatewayRuntime(config, Collections.unmodifiableMap(providers), Collections.unmodifiableMap(routes),
                    chain, List.copyOf(notes), access);
        } catch (RuntimeException e) {
            providers.values().forEach(GatewayRuntime::closeQuietly);
            throw e;
        }
    }

    private static Optional<CompiledRoute> compile(ModelEntry model, List<String> configured,
            Map<String, Provider> providers, ExtensionCatalog catalog, GatewayContext context, RoutingState state,
            List<String> notes) {
        List<Target> targets = new ArrayList<>();
        for (TargetEntry t : model.targets()) {
            if (!configured.contains(t.provider())) {
                throw t.settings().error("provider", "unknown provider \"" + t.provider() + "\" (known: "
                        + String.join(", ", configured.stream().sorted().toList()) + ")");
            }
            if (providers.containsKey(t.provider())) {
                targets.add(new Target(t.provider(), t.model(), t.weight(), t.settings()));
            }
        }
        RoutingStrategy strategy = ExtensionCatalog.find(catalog.strategies(), model.strategy())
                .orElseThrow(() -> model.settings().error("strategy", "unknown routing strategy \"" + model.strategy()
                        + "\" (known: " + ExtensionCatalog.known(catalog.strategies()) + ")"));
        if (targets.isEmpty()) {
            notes.add("model " + model.name() + " is off: none of its providers is on");
            return Optional.empty();
        }
        Route route = new Route(model.name(), model.strategy(), targets, model.settings());
        Settings options = model.settings().child("strategy_options").orElseGet(() -> shorthandOptions(model));
        TargetSelector selector = strategy.create(route, options, context);
        ConfigReader.rejectUnknown(options, "for strategy " + model.strategy());
        for (TargetEntry t : model.targets()) {
            ConfigReader.rejectUnknown(t.settings());
        }
        Map<Target, TargetStats> stats = new LinkedHashMap<>();
        route.targets().forEach(target -> stats.put(target, state.health().register(target.label())));
        return Optional.of(new CompiledRoute(route, selector, model.failover(), model.options(), stats));
    }

    /** Runs a request through the chain and the router. */
    public Result handle(Exchange exchange) {
        return chain.execute(exchange);
    }

    /** The configuration this runtime was built from. */
    public GatewayConfig config() {
        return config;
    }

    /** Who may call: authentication by virtual key, and the keys. */
    public Access access() {
        return access;
    }

    /** The routes, in file order. */
    public Map<String, CompiledRoute> routes() {
        return routes;
    }

    /** What assembly switched off, for logs and {@code sluice check}. */
    public List<String> notes() {
        return notes;
    }

    /** What {@code GET /v1/models} lists: every route, then {@code provider/model} for known provider models. */
    public List<ModelInfo> models(long created) {
        List<ModelInfo> out = new ArrayList<>();
        routes.keySet().forEach(name -> out.add(ModelInfo.of(name, "sluice", created)));
        if (config.directRouting()) {
            providers.forEach((name, provider) -> provider.models().forEach(m ->
                    out.add(ModelInfo.of(name + "/" + m.id(), name, m.created() == 0 ? created : m.created()))));
        }
        return out;
    }

    /** Counts a request in; pair with {@link #release()}. */
    public void acquire() {
        inFlight.incrementAndGet();
    }

    /** Counts a request out; the last one out of a retired runtime closes it. */
    public void release() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            close();
        }
    }

    /** Marks the runtime replaced; it closes once no request uses it. */
    public void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            close();
        }
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            providers.values().forEach(GatewayRuntime::closeQuietly);
        }
    }

    private static void closeQuietly(Provider provider) {
        try {
            provider.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing provider " + provider.name() + " failed", e);
        }
    }

    /** The options {@code strategy: js:FILE} stands for ({@code file: FILE}), or none. */
    private static Settings shorthandOptions(ModelEntry model) {
        return model.settings().string("strategy").filter(s -> s.startsWith(ConfigReader.JS_STRATEGY_PREFIX))
                .map(s -> Settings.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("file", s.substring(ConfigReader.JS_STRATEGY_PREFIX.length()))))
                .orElse(Settings.empty(model.settings().pathOf("strategy_options")));
    }
}
