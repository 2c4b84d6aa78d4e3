package dev.sluice.kernel;

import dev.sluice.kernel.Gateway.GatewayOptions;
import dev.sluice.kernel.config.GatewayConfig;
import dev.sluice.kernel.js.PolicyCommand;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.kernel.route.CompiledRoute;
import dev.sluice.kernel.audit.AuditCommand;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The command line: {@code serve} (the default), {@code check}, {@code plugins}, {@code policy},
 * {@code help}.
 *
 * <pre>
 * sluice serve  [--config FILE] [--port N] [--plugins DIR]
 * sluice check  [--config FILE] [--plugins DIR]
 * sluice plugins [--config FILE] [--plugins DIR]
 * sluice policy test FILE.js --request REQ.json [--meta team=x ...]
 * sluice audit verify|query|decrypt LOCATION [filters], sluice audit keygen
 * </pre>
 * Without {@code --config}, {@code $SLUICE_HOME/conf/sluice.yaml} is used when it exists, else the
 * embedded default. Relative paths in the configuration resolve against {@code SLUICE_HOME}
 * (the distribution folder; the working directory when unset).
 */
public final class Sluice {
    private Sluice() {
    }

    /** Runs a command and exits with its status. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command; {@code serve} blocks until the process is asked to stop. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "serve" : rest.remove(0);
        if (command.equals("policy")) {
            return PolicyCommand.run(rest, out, err);
        }
        if (command.equals("audit")) {
            Path home = Optional.ofNullable(System.getenv("SLUICE_HOME")).map(Path::of).orElse(Path.of(""))
                    .toAbsolutePath();
            return AuditCommand.run(rest, out, err, home, name -> Optional.ofNullable(System.getenv(name)));
        }
        GatewayOptions options;
        try {
            options = options(rest);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            usage(err);
            return 2;
        }
        try {
            return switch (command) {
                case "serve" -> serve(options, out);
                case "check" -> check(options, out, false);
                case "plugins" -> check(options, out, true);
                case "help", "--help", "-h" -> {
                    usage(out);
                    yield 0;
                }
                default -> {
                    err.println("error: unknown command \"" + command + "\"");
                    usage(err);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static GatewayOptions options(List<String> args) {
        Path home = Optional.ofNullable(System.getenv("SLUICE_HOME")).map(Path::of)
                .orElse(Path.of("")).toAbsolutePath();
        Optional<Path> config = Optional.empty();
        Optional<Path> plugins = Optional.empty();
        Optional<Integer> port = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (arg) {
                case "--config" -> config = Optional.of(Path.of(require(arg, value)).toAbsolutePath());
                case "--plugins" -> plugins = Optional.of(Path.of(require(arg, value)).toAbsolutePath());
                case "--port" -> {
                    try {
                        port = Optional.of(Integer.parseInt(require(arg, value)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port takes a number");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
            i++;
        }
        if (config.isEmpty() && Files.isRegularFile(home.resolve("conf/sluice.yaml"))) {
            config = Optional.of(home.resolve("conf/sluice.yaml"));
        }
        return new GatewayOptions(config, home, plugins, port, name -> Optional.ofNullable(System.getenv(name)));
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int serve(GatewayOptions options, PrintStream out) {
        Gateway gateway = Gateway.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        out.println("Sluice serving on http://localhost:" + gateway.port() + " ("
                + gateway.runtime().routes().size() + " model routes, config "
                + options.configFile().map(Path::toString).orElse(DefaultConfig.NAME) + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int check(GatewayOptions options, PrintStream out, boolean pluginsOnly) {
        if (pluginsOnly) {
            return listPlugins(options, out);
        }
        GatewayConfig config = options.load();
        Path pluginsDir = options.pluginsDir().orElse(config.pluginsDir());
        try (ExtensionCatalog catalog = ExtensionCatalog.load(pluginsDir)) {
            printPlugins(catalog, pluginsDir, out);
            KernelContext context = new KernelContext(Clock.systemUTC(), options.env(), options.home());
            GatewayRuntime runtime = GatewayRuntime.assemble(config, catalog, context);
            out.println("configuration " + config.source() + ": OK");
            out.println("providers:");
            for (GatewayConfig.ProviderEntry p : config.providers()) {
                out.println("  " + p.name() + " (type " + p.type() + ")");
            }
            runtime.notes().forEach(note -> out.println("  note: " + note));
            out.println("model routes:");
            for (CompiledRoute route : runtime.routes().values()) {
                out.println("  " + route.route().name() + "  [" + route.route().strategy() + "]  "
                        + route.route().targets().stream().map(Target::label).collect(Collectors.joining(" -> ")));
            }
            if (config.directRouting()) {
                out.println("  (any provider/model is also served directly by that provider)");
            }
            out.println("chain: " + (config.chain().isEmpty() ? "(no policies)"
                    : config.chain().stream().map(GatewayConfig.ChainEntry::name).collect(Collectors.joining(" -> "))));
            runtime.retire();
            return 0;
        }
    }

    /** Lists plugins even when the configuration is broken: then from {@code --plugins} or {@code $SLUICE_HOME/plugins}. */
    private static int listPlugins(GatewayOptions options, PrintStream out) {
        Path pluginsDir = options.pluginsDir().orElseGet(() -> {
            try {
                return options.load().pluginsDir();
            } catch (ConfigException e) {
                out.println("(configuration not readable, listing " + options.home().resolve("plugins") + "): "
                        + e.getMessage());
                return options.home().resolve("plugins");
            }
        });
        try (ExtensionCatalog catalog = ExtensionCatalog.load(pluginsDir)) {
            printPlugins(catalog, pluginsDir, out);
        }
        return 0;
    }

    private static void printPlugins(ExtensionCatalog catalog, Path pluginsDir, PrintStream out) {
        out.println("plugins in " + pluginsDir + ":");
        if (catalog.plugins().isEmpty()) {
            out.println("  (none)");
        }
        for (ExtensionCatalog.PluginInfo p : catalog.plugins()) {
            out.println("  " + p.id() + " " + p.version() + " [" + p.state() + "] "
                    + (p.extensions().isEmpty() ? "(no extensions)" : String.join(", ", p.extensions())));
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: sluice [serve|check|plugins|help] [--config FILE] [--plugins DIR] [--port N]
                       sluice policy test FILE.js --request REQ.json [--meta KEY=VALUE ...] [--target P/MODEL ...]
                       sluice audit verify|query|decrypt LOCATION [options], sluice audit keygen
                  serve    run the gateway (default)
                  check    validate the configuration, plugins and routes; print the resolved routes
                  plugins  list the plugins and the extensions they provide
                  policy   try a JavaScript policy on a request and print its decisions
                           (sluice policy test, without arguments, lists its options)
                  audit    verify, query or decrypt audit records; create a prompt key
                           (sluice audit, without arguments, lists its options)
                environment: SLUICE_HOME (the distribution folder), JAVA_OPTS""");
    }
}
