package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's {@code bin/sluice} and the repository's {@code ./sluice}, run as a user runs them. */
class LauncherTest {

    @TempDir
    Path work;

    record Run(int exit, String out) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private static String launcher() {
        return RunningGateway.dist().resolve("bin/sluice").toString();
    }

    @Test
    void checkPrintsTheResolvedRoutesOfAGoodConfiguration() throws Exception {
        Run run = run(List.of(launcher(), "check"), Map.of());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("conf/sluice.yaml: OK")
                .contains("mock-echo  [fallback]  mock/mock-echo")
                .contains("provider openai is off: OPENAI_API_KEY is not set");
    }

    @Test
    void checkSwitchesOpenAiOnWhenTheKeyIsSet() throws Exception {
        Run run = run(List.of(launcher(), "check"), Map.of("OPENAI_API_KEY", "sk-test-not-a-real-key-123456"));

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("gpt-4o-mini  [fallback]  openai/gpt-4o-mini").doesNotContain("sk-test");
    }

    @Test
    void checkFailsWithFileAndLineOnABrokenConfiguration() throws Exception {
        Path config = work.resolve("broken.yaml");
        Files.writeString(config, """
                providers:
                  - { name: openai, type: openai }
                  - { name: mock, type: mock }
                models:
                  - name: default
                    targets:
                      - { provider: opnai, model: gpt-4o }
                """);
        Run run = run(List.of(launcher(), "check", "--config", config.toString()), Map.of());

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).contains(config + ":7: models[0].targets[0].provider: unknown provider \"opnai\""
                + " (known: mock, openai)");
    }

    @Test
    void pluginsListsTheBuiltInPluginsAndTheirExtensions() throws Exception {
        Run run = run(List.of(launcher(), "plugins"), Map.of());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("provider-openai").contains("provider openai")
                .contains("provider-mock").contains("provider mock")
                .contains("routing-basic").contains("strategy fallback");
    }

    @Test
    void pluginsStillListsThePluginsWhenTheConfigurationIsBroken() throws Exception {
        Path config = work.resolve("broken.yaml");
        Files.writeString(config, "server: { port: eighty }\n");
        Run run = run(List.of(launcher(), "plugins", "--config", config.toString()), Map.of());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("configuration not readable").contains("provider-mock");
    }

    @Test
    void theReadmesFirstCommandServesMockEcho() throws Exception {
        Path script = RunningGateway.root().resolve("sluice");
        ProcessBuilder builder = new ProcessBuilder(script.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SLUICE_PORT", "0");
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); SseClient client = new SseClient(Duration.ofSeconds(10))) {
            Pattern serving = Pattern.compile("Sluice serving on http://localhost:(\\d+)");
            String line;
            int port = -1;
            while (port < 0 && (line = out.readLine()) != null) {
                Matcher m = serving.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("the server announced its port").isPositive();

            HttpResult result = client.postJson("http://127.0.0.1:" + port + "/v1/chat/completions",
                    "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello sluice\"}]}", Map.of());
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("hello sluice");
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }
}
