package dev.sluice.distribution;

import dev.sluice.kernel.Gateway;
import dev.sluice.kernel.Gateway.GatewayOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway started in this JVM from a YAML text, on a free port, loading the built-in plugins
 * from the assembled distribution's {@code plugins/} folder exactly as {@code bin/sluice} does.
 */
final class RunningGateway implements AutoCloseable {
    private final Gateway gateway;
    private final Path configFile;

    private RunningGateway(Gateway gateway, Path configFile) {
        this.gateway = gateway;
        this.configFile = configFile;
    }

    static Path dist() {
        return Path.of(System.getProperty("sluice.dist", "target/sluice")).toAbsolutePath().normalize();
    }

    static Path root() {
        return Path.of(System.getProperty("sluice.root", "..")).toAbsolutePath().normalize();
    }

    static RunningGateway start(String yaml) {
        return start(yaml, dist().resolve("plugins"), Map.of());
    }

    static RunningGateway start(String yaml, Path pluginsDir, Map<String, String> env) {
        try {
            Path file = Files.createTempFile("sluice-", ".yaml");
            Files.writeString(file, yaml);
            GatewayOptions options = GatewayOptions.of(file).withPort(0).withHome(dist()).withPluginsDir(pluginsDir)
                    .withEnv(name -> Optional.ofNullable(env.get(name)));
            return new RunningGateway(Gateway.start(options), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    String baseUrl() {
        return url("/v1");
    }

    Gateway gateway() {
        return gateway;
    }

    Path configFile() {
        return configFile;
    }

    @Override
    public void close() {
        gateway.close();
        try {
            Files.deleteIfExists(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
