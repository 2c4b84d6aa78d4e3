package dev.sluice.kernel;

import dev.sluice.kernel.admin.AdminApi;
import dev.sluice.kernel.admin.CacheApi;
import dev.sluice.kernel.audit.AuditTrail;
import dev.sluice.kernel.cache.CacheMeters;
import dev.sluice.kernel.cache.CacheStores;
import dev.sluice.kernel.admin.KeysApi;
import dev.sluice.kernel.admin.SpendApi;
import dev.sluice.kernel.admin.MetricsApi;
import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig;
import dev.sluice.kernel.http.InboundHandler;
import dev.sluice.kernel.http.OpenAiApi;
import dev.sluice.kernel.http.anthropic.AnthropicApi;
import dev.sluice.kernel.http.OpsApi;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.kernel.state.GatewayState;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.config.ConfigException;
import io.helidon.common.mapper.MapperManager;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running gateway: the HTTP server, the plugins, and the current runtime, swapped atomically
 * when the configuration file changes.
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.start(GatewayOptions.of(Path.of("conf/sluice.yaml")))) {
 *     System.out.println("serving on " + gateway.port());
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final GatewayOptions options;
    private final ExtensionCatalog catalog;
    private final KernelContext context;
    private final AtomicReference<GatewayRuntime> current;
    private final WebServer server;
    private final ConfigWatcher watcher;
    private final GatewayState state;
    private final AuditTrail audit;
    private volatile boolean stopping;

    private Gateway(GatewayOptions options, ExtensionCatalog catalog, KernelContext context, GatewayRuntime runtime,
            GatewayState state, AuditTrail audit) {
        this.options = options;
        this.state = state;
        this.audit = audit;
        this.catalog = catalog;
        this.context = context;
        this.current = new AtomicReference<>(runtime);
        GatewayConfig config = runtime.config();
        HttpRouting.Builder routing = HttpRouting.builder();
        new OpsApi(() -> !stopping).register(routing);
        InboundHandler inbound = new InboundHandler(this::acquire, context.clock(), audit);
        new OpenAiApi(inbound).register(routing);
        new AnthropicApi(inbound).register(routing);
        new AdminApi(current::get, context.routing(), context.clock()).register(routing);
        new MetricsApi(context.metrics()).register(routing);
        new KeysApi(current::get, state.keys()).register(routing);
        new SpendApi(current::get, state.ledger()).register(routing);
        new CacheApi(current::get, context::caches).register(routing);
        OpsApi.registerNotFound(routing);
        this.server = WebServer.builder()
                .host(config.server().host())
                .port(options.port().orElse(config.server().port()))
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .routing(routing)
                .build()
                .start();
        this.watcher = options.configFile().isPresent() && config.server().reload()
                ? ConfigWatcher.start(options.configFile().get(), config.server().reloadInterval(), this::reload)
                : null;
    }

    /** Loads plugins, assembles the configuration and starts serving; throws on a bad configuration. */
    public static Gateway start(GatewayOptions options) {
        // Helidon 4.4 looks the global mapper up through its service registry on every request
        // unless one is set explicitly.
        MapperManager.global(MapperManager.create());
        KernelContext context = new KernelContext(Clock.systemUTC(), options.env(), options.home());
        GatewayConfig config = options.load();
        ExtensionCatalog catalog = ExtensionCatalog.load(options.pluginsDir().orElse(config.pluginsDir()));
        GatewayState state = null;
        AuditTrail audit = null;
        try {
            state = GatewayState.open(config.governance(), context);
            context.spend(state.ledger());
            context.caches(CacheStores.open(config.cache(), catalog, context));
            GatewayRuntime runtime = GatewayRuntime.assemble(config, catalog, context, state);
            audit = AuditTrail.open(config.audit(), catalog, context);
            context.metrics().start();
            audit.observe(context.metrics()::request);
            audit.sinks(context.metrics()::auditSink);
            CacheMeters.bind(context.metrics().registry(), context.caches());
            runtime.notes().forEach(LOG::info);
            return new Gateway(options, catalog, context, runtime, state, audit);
        } catch (RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            context.caches().close();
            context.metrics().close();
            if (state != null) {
                state.close();
            }
            catalog.close();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The runtime serving new requests now. */
    public GatewayRuntime runtime() {
        return current.get();
    }

    /** The plugins and extensions loaded. */
    public ExtensionCatalog catalog() {
        return catalog;
    }

    /**
     * Re-reads the configuration file and swaps the new runtime in; on any error the running one
     * stays and the error is logged (and returned).
     */
    public Optional<String> reload() {
        try {
            GatewayConfig config = options.load();
            GatewayRuntime next = GatewayRuntime.assemble(config, catalog, context, state);
            GatewayRuntime previous = current.getAndSet(next);
            warnAboutRestartOnly(previous.config(), config);
            previous.retire();
            next.notes().forEach(LOG::info);
            LOG.info("configuration reloaded: " + next.routes().size() + " model routes");
            return Optional.empty();
        } catch (ConfigException e) {
            LOG.severe("configuration not reloaded, the running one stays: " + e.getMessage());
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "configuration not reloaded, the running one stays", e);
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** The listener and the plugins are set up once; say so when a reload changes them. */
    private static void warnAboutRestartOnly(GatewayConfig before, GatewayConfig after) {
        GatewayConfig.ServerConfig was = before.server();
        GatewayConfig.ServerConfig now = after.server();
        List<String> changed = new ArrayList<>();
        if (!was.host().equals(now.host())) {
            changed.add("server.host");
        }
        if (was.port() != now.port()) {
            changed.add("server.port");
        }
        if (was.reload() != now.reload() || !was.reloadInterval().equals(now.reloadInterval())) {
            changed.add("server.reload");
        }
        if (!before.pluginsDir().equals(after.pluginsDir())) {
            changed.add("plugins.dir");
        }
        if (!before.governance().state().equals(after.governance().state())
                && !before.governance().state().store().equals(after.governance().state().store())) {
            changed.add("state.store");
        }
        if (!before.governance().auth().keyFile().equals(after.governance().auth().keyFile())) {
            changed.add("auth.key_file");
        }
        if (!before.audit().sinks().stream().map(s -> s.settings().json()).toList()
                .equals(after.audit().sinks().stream().map(s -> s.settings().json()).toList())) {
            changed.add("audit.sinks");
        }
        if (!before.cache().stores().stream().map(s -> s.settings().json()).toList()
                .equals(after.cache().stores().stream().map(s -> s.settings().json()).toList())) {
            changed.add("cache.stores");
        }
        if (!changed.isEmpty()) {
            LOG.warning(String.join(", ", changed) + " changed: this takes effect after a restart");
        }
    }

    private GatewayRuntime acquire() {
        while (true) {
            GatewayRuntime runtime = current.get();
            runtime.acquire();
            if (runtime == current.get()) {
                return runtime;
            }
            // Swapped between the read and the count: use the new one.
            runtime.release();
        }
    }

    /** Stops accepting requests, lets in-flight ones finish (up to the grace period), stops plugins. */
    @Override
    public void close() {
        stopping = true;
        if (watcher != null) {
            watcher.close();
        }
        server.stop();
        current.get().retire();
        // After the server: every request that finished has handed its record over.
        audit.close();
        context.caches().close();
        context.metrics().close();
        catalog.close();
        state.close();
    }

    /**
     * How to start a gateway.
     *
     * @param configFile the YAML file, or empty for the embedded default
     * @param home the folder relative paths resolve against
     * @param pluginsDir overrides the configured plugins folder
     * @param port overrides the configured port
     * @param env environment lookup
     */
    public record GatewayOptions(Optional<Path> configFile, Path home, Optional<Path> pluginsDir,
            Optional<Integer> port, Function<String, Optional<String>> env) {

        /** Options for a file, with the process environment. */
        public static GatewayOptions of(Path configFile) {
            return new GatewayOptions(Optional.of(configFile), Path.of("").toAbsolutePath(), Optional.empty(),
                    Optional.empty(), name -> Optional.ofNullable(System.getenv(name)));
        }

        /** A copy with another port. */
        public GatewayOptions withPort(int value) {
            return new GatewayOptions(configFile, home, pluginsDir, Optional.of(value), env);
        }

        /** A copy with another plugins folder. */
        public GatewayOptions withPluginsDir(Path value) {
            return new GatewayOptions(configFile, home, Optional.of(value), port, env);
        }

        /** A copy with another home folder. */
        public GatewayOptions withHome(Path value) {
            return new GatewayOptions(configFile, value, pluginsDir, port, env);
        }

        /** A copy with another environment. */
        public GatewayOptions withEnv(Function<String, Optional<String>> value) {
            return new GatewayOptions(configFile, home, pluginsDir, port, value);
        }

        /** Reads and checks the configuration (the file, or the embedded default). */
        public GatewayConfig load() {
            if (configFile.isPresent()) {
                return ConfigReader.read(configFile.get(), home, env);
            }
            return ConfigReader.read(DefaultConfig.text(), DefaultConfig.NAME, home, env);
        }
    }
}
