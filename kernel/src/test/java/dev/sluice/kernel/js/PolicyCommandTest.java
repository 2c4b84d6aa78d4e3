package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice policy test}: runs each hook of a file on a request and prints the decisions. */
class PolicyCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PolicyCommand.run(new ArrayList<>(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void printsTheRouteAndTheRequestDecision() throws IOException {
        String policy = write("p.js", """
                export function route(request, ctx) {
                  ctx.log('team', ctx.caller.team);
                  return ctx.caller.tags.includes('gold') ? ctx.targets.map(t => t.label) : ['mock/small'];
                }
                export function onRequest(request, ctx) {
                  return { max_tokens: 64, tags: ['checked'] };
                }
                """);
        String request = write("req.json", "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        int status = run("test", policy, "--request", request, "--meta", "team=search", "--meta", "tags=gold,beta",
                "--target", "openai/gpt-4o", "--target", "mock/small");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("policy p.js exports onRequest(), route()")
                .contains("route(): openai/gpt-4o -> mock/small")
                .contains("log: team search")
                .contains("onRequest(): continue with changes")
                .contains("\"max_completion_tokens\":64")
                .contains("tags added: checked");
    }

    @Test
    void printsARejection() throws IOException {
        String policy = write("deny.js", "export function onRequest() {"
                + " return { action: 'reject', status: 429, message: 'slow down' }; }\n");
        String request = write("req.json", "{\"model\":\"chat\",\"messages\":[]}");

        assertThat(run("test", policy, "--request", request)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("onRequest(): reject 429 \"slow down\"");
    }

    @Test
    void printsASwitchToAnotherRouteDecidedOnTheSessionsSpend() throws IOException {
        String policy = write("thrifty.js", """
                export function route(request, ctx) {
                  ctx.log('spent', ctx.spend.session_usd);
                  return ctx.spend.session_usd > 1 ? 'cheap' : undefined;
                }
                """);
        String request = write("req.json", "{\"model\":\"smart\",\"messages\":[]}");

        assertThat(run("test", policy, "--request", request, "--meta", "session=run-1", "--spend",
                "session_usd=1.5", "--target", "openai/gpt-4o")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("route(): switch to model route cheap")
                .contains("log: spent 1.5");
    }

    @Test
    void anUnknownSpendFieldIsAUsageError() throws IOException {
        String policy = write("p.js", "export function route() {}\n");
        String request = write("req.json", "{\"model\":\"smart\",\"messages\":[]}");

        assertThat(run("test", policy, "--request", request, "--spend", "wallet_usd=3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown ctx.spend field wallet_usd");
    }

    @Test
    void aFailingHookIsReportedWithItsLineAndExitsWithOne() throws IOException {
        String policy = write("bad.js", "export function route(request, ctx) {\n  return ctx.no.such;\n}\n");
        String request = write("req.json", "{\"model\":\"chat\",\"messages\":[]}");

        assertThat(run("test", policy, "--request", request)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("route(): FAILED bad.js:2:");
    }

    @Test
    void aFileThatDoesNotCompileIsAnError() throws IOException {
        String policy = write("broken.js", "export function route() {\n  return [1,;\n}\n");
        String request = write("req.json", "{\"model\":\"chat\",\"messages\":[]}");

        assertThat(run("test", policy, "--request", request)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.js:2:").contains("does not compile");
    }

    @Test
    void withoutARequestItPrintsTheUsage() throws IOException {
        assertThat(run("test", write("p.js", "export function route() {}\n"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--request is required").contains("usage: sluice policy test");
    }
}
