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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice policy test} on a shipped policy, run as a user runs it: GraalJS loads from the
 * module path, with its optimizing runtime where the JVM has JVMCI, and prints no warning.
 */
class JsPolicyLauncherTest {
    @TempDir
    Path work;

    private String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path request = Files.writeString(work.resolve("req.json"),
                "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        List<String> command = new ArrayList<>(List.of(RunningGateway.dist().resolve("bin/sluice").toString(),
                "policy", "test", RunningGateway.dist().resolve("policies/tier-routing.js").toString(),
                "--request", request.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theLauncherRunsAShippedPolicyWithoutWarnings() throws Exception {
        String out = run(Map.of(), "--meta", "tags=tier:silver", "--target", "openai/gpt-4o",
                "--target", "openai/gpt-4o-mini");

        assertThat(out).contains("policy tier-routing.js exports route()")
                .contains("route(): openai/gpt-4o-mini -> openai/gpt-4o")
                .doesNotContain("WARNING")
                .doesNotContainIgnoringCase("interpreter only");
    }

    @Test
    void theServerStartedByTheLauncherRoutesAndTagsWithTheShippedPolicies() throws Exception {
        Path config = Files.writeString(work.resolve("sluice.yaml"), """
                server: { port: 0 }
                providers:
                  - { name: premium, type: mock }
                  - { name: economy, type: mock }
                models:
                  - name: chat
                    strategy: js
                    strategy_options: { file: tier-routing.js }
                    targets:
                      - { provider: premium, model: mock-echo }
                      - { provider: economy, model: mock-echo }
                chain:
                  - js: tag-by-feature.js
                """);
        ProcessBuilder builder = new ProcessBuilder(RunningGateway.dist().resolve("bin/sluice").toString(), "serve",
                "--config", config.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); SseClient client = new SseClient(Duration.ofSeconds(10))) {
            Pattern serving = Pattern.compile("Sluice serving on http://localhost:(\\d+)");
            int port = -1;
            String line;
            while (port < 0 && (line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = serving.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as(String.join("\n", lines)).isPositive();
            assertThat(lines).anyMatch(l -> l.contains("JavaScript policies run on GraalJS, optimizing runtime"))
                    .noneMatch(l -> l.contains("WARNING"));

            String url = "http://127.0.0.1:" + port + "/v1/chat/completions";
            String body = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            HttpResult gold = client.postJson(url, body, Map.of("x-sluice-tags", "tier:gold"));
            assertThat(gold.status()).isEqualTo(200);
            assertThat(gold.header("x-sluice-provider")).contains("premium");
            assertThat(gold.header("x-sluice-policy-tags")).contains("feature:chat,tokens:small");
            assertThat(client.postJson(url, body, Map.of()).header("x-sluice-provider")).contains("economy");
            for (int i = 0; i < 20; i++) {
                assertThat(client.postJson(url, body, Map.of()).status()).isEqualTo(200);
            }
            // The launcher's flags let the requests' virtual threads run their policy calls themselves.
            String metrics = client.get("http://127.0.0.1:" + port + "/metrics", Map.of()).body();
            Matcher onCallers = Pattern.compile("sluice_policy_calls_total\\{thread=\"caller\"} (\\d+)")
                    .matcher(metrics);
            assertThat(onCallers.find()).as(metrics).isTrue();
            assertThat(Double.parseDouble(onCallers.group(1))).isPositive();
            // SIGTERM through the handle, which leaves the output open to be read to its end.
            process.toHandle().destroy();
            out.lines().forEach(lines::add);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            assertThat(lines).as("nothing warned while serving, the policy calls included")
                    .noneMatch(l -> l.contains("WARNING"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void theOptimizingRuntimeIsUsedWhereTheJvmHasJvmciAndTheInterpreterOnRequest() throws Exception {
        assertThat(run(Map.of(), "--target", "openai/gpt-4o")).contains("GraalJS optimizing runtime");
        assertThat(run(Map.of("SLUICE_JS_RUNTIME", "interpreter"), "--target", "openai/gpt-4o"))
                .contains("GraalJS interpreter").doesNotContain("WARNING");
    }
}
