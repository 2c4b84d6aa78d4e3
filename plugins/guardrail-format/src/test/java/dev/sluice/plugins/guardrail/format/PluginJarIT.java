package dev.sluice.plugins.guardrail.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Guardrail;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * started by PF4J in its own class loader, next to the host's Jackson 2. The relocated validator
 * and its Jackson 3 must work from inside the JAR: its messages and the bundled meta-schemas are
 * resources there. Runs after {@code package}.
 */
class PluginJarIT {
    private static final String PREFIX = "dev/sluice/plugins/guardrail/format/shaded/";

    @TempDir
    Path plugins;

    @Test
    void theJarKeepsItsDescriptorAndCarriesOnlyWhatTheHostLacks() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("guardrail-format");
            assertThat(manifest.getMainAttributes().getValue("Plugin-Version")).isNotBlank();
            assertThat(manifest.getMainAttributes().getValue("Plugin-Provider")).isEqualTo("Sluice");
            assertThat(manifest.getMainAttributes().getValue("Plugin-License")).isEqualTo("Apache-2.0");
            assertThat(manifest.getMainAttributes().getValue("Plugin-Description")).contains("valid JSON");
            assertThat(jar.getEntry("META-INF/extensions.idx")).isNotNull();
            assertThat(jar.getEntry(PREFIX + "networknt/schema/SchemaRegistry.class")).isNotNull();
            assertThat(jar.getEntry(PREFIX + "jackson/databind/ObjectMapper.class")).isNotNull();
            assertThat(jar.getEntry(PREFIX + "itu/ITU.class")).isNotNull();
            assertThat(jar.getEntry("draft/2020-12/schema")).isNotNull();
            assertThat(jar.getEntry("jsv-messages.properties")).isNotNull();
            assertThat(jar.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("dev/sluice/plugins/guardrail/format/")))
                    .as("every class is the plugin's own or relocated under it").isEmpty();
            assertThat(jar.getEntry("dev/sluice/spi/guardrail/Guardrail.class")).as("the host provides the SPI").isNull();
        }
        System.out.printf("plugin JAR: %.1f MB%n", Files.size(pluginJar()) / 1e6);
    }

    @Test
    void loadedThroughPf4jItValidatesAgainstSchemas() throws Exception {
        Files.copy(pluginJar(), plugins.resolve(pluginJar().getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        try {
            assertThat(manager.getPlugin("guardrail-format").getPluginState()).isEqualTo(PluginState.STARTED);
            List<Guardrail> guardrails = manager.getExtensions(Guardrail.class, "guardrail-format");
            assertThat(guardrails).extracting(Guardrail::name).containsExactly("format");
            Guardrail guardrail = guardrails.get(0);
            assertThat(guardrail.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);

            GuardrailCheck configured = guardrail.create(Checks.settings("{\"on_invalid\": \"retry\", \"schema\": "
                    + Checks.PERSON_SCHEMA + "}"), new Checks.Context(plugins));
            assertThat(Checks.inspect(configured, "{\"name\": \"Ada\", \"age\": 36}", Checks.plainRequest())).isEmpty();
            assertThat(Checks.inspect(configured, "{\"name\": \"Ada\", \"age\": \"36\"}", Checks.plainRequest()))
                    .singleElement().satisfies(finding -> {
                        assertThat(finding.action()).isEqualTo(Finding.Action.RETRY);
                        assertThat(finding.detail()).contains("$.age: string found, integer expected");
                    });
            assertThat(Checks.inspect(configured, "{\"name\": ", Checks.plainRequest()))
                    .extracting(Finding::rule).containsExactly("json_parse");

            GuardrailCheck fromRequest = guardrail.create(Checks.settings("{}"), new Checks.Context(plugins));
            String draft7 = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\", "
                    + "\"required\": [\"city\"]}";
            assertThat(Checks.inspect(fromRequest, "{\"city\": \"Paris\"}", Checks.schemaRequest(draft7))).isEmpty();
            assertThat(Checks.inspect(fromRequest, "{}", Checks.schemaRequest(draft7)))
                    .singleElement().satisfies(finding ->
                            assertThat(finding.detail()).contains("$: required property 'city' not found"));
        } finally {
            manager.unloadPlugins(); // stops each plugin first (PF4J 3.15's stopPlugins() trips over its own list)
        }
    }

    private static Path pluginJar() {
        return Path.of(System.getProperty("sluice.test.plugin.jar"));
    }
}
