package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;
import static dev.sluice.plugins.cache.semantic.Requests.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.ResponseCache;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.client.TestGatewayContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The packaged plugin JAR, loaded as the gateway loads it: copied alone into a plugins folder and
 * started by PF4J in its own class loader. Its local model must load from inside the JAR (the
 * model file is a resource; ONNX Runtime and the tokenizer extract their native libraries) and
 * serve a paraphrase. Runs after {@code package}, in a JVM of its own.
 */
class PluginJarIT {

    @TempDir
    Path plugins;

    @Test
    void theJarKeepsItsPluginDescriptor() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("cache-semantic");
            assertThat(manifest.getMainAttributes().getValue("Plugin-Version")).isNotBlank();
            assertThat(manifest.getMainAttributes().getValue("Plugin-Provider")).isEqualTo("Sluice");
            assertThat(manifest.getMainAttributes().getValue("Plugin-License")).isEqualTo("Apache-2.0");
            assertThat(manifest.getMainAttributes().getValue("Plugin-Description")).contains("paraphrased prompts");
            assertThat(jar.getEntry("all-minilm-l6-v2-q.onnx")).isNotNull();
            assertThat(jar.getEntry("dev/sluice/spi/cache/ResponseCache.class")).as("the host provides the SPI").isNull();
            assertThat(jar.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNull();
            assertThat(jar.getEntry("org/slf4j/Logger.class")).isNull();
            assertThat(jar.getEntry("org/pf4j/Plugin.class")).isNull();
        }
        System.out.printf("plugin JAR: %.1f MB%n", Files.size(pluginJar()) / 1e6);
    }

    @Test
    void neitherThePluginNorItsModelIsOnTheTestsClassPath() {
        ClassLoader host = getClass().getClassLoader();
        assertThat(host.getResource("dev/sluice/plugins/cache/semantic/SemanticCache.class")).isNull();
        assertThat(host.getResource("all-minilm-l6-v2-q.onnx")).isNull();
        assertThat(host.getResource("ai/onnxruntime/OrtEnvironment.class")).isNull();
    }

    @Test
    void loadedThroughPf4jItsLocalModelServesAParaphrase() throws Exception {
        Files.copy(pluginJar(), plugins.resolve(pluginJar().getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        try {
            assertThat(manager.getPlugin("cache-semantic")).as("plugin loaded").isNotNull();
            assertThat(manager.getPlugin("cache-semantic").getPluginState())
                    .as("state; failure: %s", manager.getPlugin("cache-semantic").getFailedException())
                    .isEqualTo(PluginState.STARTED);
            List<ResponseCache> caches = manager.getExtensions(ResponseCache.class, "cache-semantic");
            assertThat(caches).extracting(ResponseCache::name).containsExactly("semantic");
            ResponseCache cache = caches.get(0);
            assertThat(cache.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);

            Settings settings = Settings.of(Json.mapper().readTree("{\"embedder\": {\"type\": \"local\"}}"));
            try (CacheStore store = cache.open(settings, TestGatewayContext.create())) {
                store.store(key("What is the capital of France?"), answer("Paris"));

                Optional<CacheHit> hit = store.lookup(key("Which city is the capital of France?"));

                assertThat(hit).hasValueSatisfying(h -> {
                    assertThat(new String(h.answer().json(), StandardCharsets.UTF_8)).contains("Paris");
                    assertThat(h.similarity().getAsDouble()).isGreaterThanOrEqualTo(0.93);
                });
                assertThat(store.lookup(key("What is the capital of Germany?"))).isEmpty();
            }
        } finally {
            manager.unloadPlugins();
        }
    }

    private static Path pluginJar() {
        return Path.of(System.getProperty("sluice.test.plugin.jar"));
    }
}
