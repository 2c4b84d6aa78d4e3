package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.kernel.audit.AuditCommand;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the gateway in the middle of a burst: the JSON Lines audit log keeps every
 * record of the requests answered before the documented loss window, and what was written still
 * verifies, before and after the gateway restarts and repairs the log.
 */
class AuditCrashTest {
    /** The documented bound: records of requests answered this long before the kill are never lost. */
    private static final Duration WINDOW = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private static Process launch(Path config) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(RunningGateway.dist().resolve("bin/sluice").toString(), "serve",
                "--config", config.toString(), "--port", "0").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static int port(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern serving = Pattern.compile("Sluice serving on http://localhost:(\\d+)");
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // Keep the pipe empty so the gateway never blocks on its own log.
                        }
                    } catch (IOException e) {
                        // The process is gone.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the gateway did not start");
    }

    private Set<String> recordedIds() throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    try {
                        JsonNode r = Json.tree(line.getBytes(StandardCharsets.UTF_8));
                        ids.add(r.path("request_id").asText());
                    } catch (IOException e) {
                        // A half-written last line: the crash cut it.
                    }
                }
            }
        }
        return ids;
    }

    private String verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCommand.run(List.of("verify", dir.resolve("audit").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                RunningGateway.dist(), name -> Optional.empty());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        return text;
    }

    @Test
    void aKilledGatewayLosesAtMostTheWindowAndWhatItWroteStillVerifies() throws Exception {
        Path config = dir.resolve("sluice.yaml");
        try (FakeOpenAi upstream = FakeOpenAi.start().reply("ok").usage(5, 1)) {
            Files.writeString(config, """
                    server: { reload: false }
                    audit:
                      sinks: [ { type: jsonl, path: "%s" } ]
                    providers:
                      - { name: openai, type: openai, base_url: "%s", api_key: sk-crash-test }
                    models:
                      - { name: mini, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                    """.formatted(dir.resolve("audit"), upstream.baseUrl()));
            Process gateway = launch(config);
            Map<String, Long> answeredAt = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService load = Executors.newFixedThreadPool(8);
            long killedAt;
            try (SseClient client = new SseClient(Duration.ofSeconds(5))) {
                String url = "http://127.0.0.1:" + port(gateway) + "/v1/chat/completions";
                for (int t = 0; t < 8; t++) {
                    load.submit(() -> {
                        while (!stop.get()) {
                            try {
                                HttpResult r = client.postJson(url,
                                        "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"burst\"}]}",
                                        Map.of());
                                if (r.status() == 200) {
                                    answeredAt.put(r.header("x-sluice-request-id").orElseThrow(), System.nanoTime());
                                }
                            } catch (RuntimeException e) {
                                // The gateway is gone.
                            }
                        }
                    });
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (answeredAt.size() < 500 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(answeredAt.size()).as("requests answered before the kill").isGreaterThanOrEqualTo(500);
                killedAt = System.nanoTime();
                gateway.destroyForcibly();
                assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                load.shutdown();
                assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }

            Set<String> recorded = recordedIds();
            List<String> lostBeforeWindow = answeredAt.entrySet().stream()
                    .filter(e -> e.getValue() < killedAt - WINDOW.toNanos())
                    .filter(e -> !recorded.contains(e.getKey())).map(Map.Entry::getKey).toList();
            assertThat(lostBeforeWindow).as("records of requests answered more than %s before the kill", WINDOW)
                    .isEmpty();
            assertThat(verify()).startsWith("OK: ");

            // A restart repairs a cut last line and continues the chain.
            Process again = launch(config);
            try (SseClient client = new SseClient(Duration.ofSeconds(5))) {
                HttpResult after = client.postJson("http://127.0.0.1:" + port(again) + "/v1/chat/completions",
                        "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"after\"}]}", Map.of());
                assertThat(after.status()).isEqualTo(200);
            } finally {
                again.destroy();
                assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(recordedIds()).hasSizeGreaterThan(recorded.size());
            assertThat(verify()).startsWith("OK: ");
        }
    }
}
