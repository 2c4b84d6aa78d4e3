package dev.sluice.bench.jmh;

import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The distribution's plugin JARs, loaded through PF4J as the gateway loads them, for benchmarks
 * of plugin code: {@code -Dsluice.plugins=DIR}, by default the built distribution's
 * {@code distribution/target/sluice/plugins}.
 */
final class PluginsUnderTest {

    private PluginsUnderTest() {
    }

    static ExtensionCatalog load() {
        Path dir = Path.of(System.getProperty("sluice.plugins", "distribution/target/sluice/plugins"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir.toAbsolutePath() + " does not exist: build the distribution first "
                    + "(./mvnw -B -ntp -DskipTests package) or pass -Dsluice.plugins=DIR");
        }
        return ExtensionCatalog.load(dir);
    }

    static Settings settings(String yamlAsJson) {
        try {
            return Settings.of(Json.mapper().readTree(yamlAsJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A context for plugins that need no upstream. */
    static GatewayContext context() {
        return new GatewayContext() {
            @Override
            public UpstreamClient http(UpstreamOptions options) {
                throw new UnsupportedOperationException("no upstream in this benchmark");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public Optional<String> env(String name) {
                return Optional.empty();
            }

            @Override
            public Path home() {
                return Path.of("").toAbsolutePath();
            }
        };
    }
}
