package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Policy;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin of the plugin-authoring guide ({@code docs/examples/hello-plugin}) is
 * compiled here against {@code sluice-spi} alone, packed into its own PF4J JAR, dropped into a
 * plugins folder next to the built-in ones, and used by a running gateway. It is never on the
 * test's class path.
 */
class PluginLoadingTest {

    @TempDir
    Path work;

    @Test
    void aPluginJarDroppedIntoThePluginsFolderIsLoadedAndUsed() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> builtIns = Files.list(RunningGateway.dist().resolve("plugins"))) {
            for (Path jar : builtIns.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        buildExamplePlugin(plugins.resolve("hello-plugin-1.0.0.jar"));

        assertThat(classIsVisible("com.example.hello.HelloPolicy")).as("not on the test class path").isFalse();
        try (RunningGateway gateway = RunningGateway.start("""
                providers: [{ name: mock, type: mock }]
                models:
                  - { name: mock-echo, targets: [{ provider: mock, model: mock-echo }] }
                chain:
                  - hello: { greeting: "hi from a plugin" }
                """, plugins, Map.of());
                SseClient client = new SseClient()) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"),
                    "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hey\"}]}",
                    Map.of("x-sluice-user", "ada"));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("x-hello")).contains("hi from a plugin");
            assertThat(result.header("x-hello-user")).contains("ada");
            assertThat(gateway.gateway().catalog().plugins())
                    .anySatisfy(p -> {
                        assertThat(p.id()).isEqualTo("hello-plugin");
                        assertThat(p.extensions()).containsExactly("policy hello");
                    });
        }
    }

    private static boolean classIsVisible(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Compiles the example's sources with PF4J's annotation processor and packs a plugin JAR. */
    static void buildExamplePlugin(Path jar) throws IOException, URISyntaxException {
        Path project = RunningGateway.root().resolve("docs/examples/hello-plugin");
        Path classes = Files.createTempDirectory("hello-plugin-classes");
        List<String> sources;
        try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classpath = String.join(java.io.File.pathSeparator, location(Policy.class),
                location(org.pf4j.Extension.class), location(com.fasterxml.jackson.databind.JsonNode.class));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:full", "-classpath", classpath,
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString()));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, System.err, args.toArray(String[]::new))).as("javac exit").isZero();
        assertThat(classes.resolve("META-INF/extensions.idx")).exists();

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "hello-plugin");
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "Example Corp");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
