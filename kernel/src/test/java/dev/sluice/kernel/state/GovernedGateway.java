package dev.sluice.kernel.state;

import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.kernel.admin.KeysApi;
import dev.sluice.kernel.admin.SpendApi;
import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig;
import dev.sluice.kernel.http.InboundHandler;
import dev.sluice.kernel.http.OpenAiApi;
import dev.sluice.kernel.http.anthropic.AnthropicApi;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The gateway's HTTP surface (OpenAI, Anthropic, keys and spend APIs) over a runtime assembled with
 * a price table and a clock the test controls, on a free port of 127.0.0.1.
 */
public final class GovernedGateway implements AutoCloseable {
    private final WebServer server;
    private final GatewayState state;
    private final GatewayRuntime runtime;
    private final ExtensionCatalog catalog;

    private GovernedGateway(WebServer server, GatewayState state, GatewayRuntime runtime, ExtensionCatalog catalog) {
        this.server = server;
        this.state = state;
        this.runtime = runtime;
        this.catalog = catalog;
    }

    /** Starts on the configuration text; {@code home} resolves {@code auth.key_file}. */
    public static GovernedGateway start(String yaml, Path home, CostMeter costs, Clock clock) {
        GatewayConfig config = ConfigReader.read(yaml, "test.yaml", home, name -> Optional.empty());
        GatewayContext context = new PricedContext(new KernelContext(clock, name -> Optional.empty()), costs);
        ExtensionCatalog catalog = ExtensionCatalog.load(home.resolve("no-plugins"));
        GatewayState state = GatewayState.open(config.governance(), context);
        GatewayRuntime runtime = GatewayRuntime.assemble(config, catalog, context, state);
        HttpRouting.Builder routing = HttpRouting.builder();
        InboundHandler inbound = new InboundHandler(() -> {
            runtime.acquire();
            return runtime;
        }, clock, dev.sluice.kernel.audit.AuditTrail.none());
        new OpenAiApi(inbound).register(routing);
        new AnthropicApi(inbound).register(routing);
        new KeysApi(() -> runtime, state.keys()).register(routing);
        new SpendApi(() -> runtime, state.ledger()).register(routing);
        WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
        return new GovernedGateway(server, state, runtime, catalog);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public GatewayState state() {
        return state;
    }

    @Override
    public void close() {
        server.stop();
        runtime.retire();
        catalog.close();
        state.close();
    }

    /** The kernel's context with another price table. */
    private record PricedContext(KernelContext kernel, CostMeter costs) implements GatewayContext {
        @Override
        public UpstreamClient http(UpstreamOptions options) {
            return kernel.http(options);
        }

        @Override
        public Clock clock() {
            return kernel.clock();
        }

        @Override
        public Optional<String> env(String name) {
            return kernel.env(name);
        }

        @Override
        public TargetHealth health(Target target) {
            return kernel.health(target);
        }
    }
}
