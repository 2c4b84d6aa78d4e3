package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, validating and hot-reloading policy files, and calling them from many threads. */
class PolicyEngineTest {
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        Logger.getLogger(PolicyEngine.class.getName()).addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger(PolicyEngine.class.getName()).removeHandler(capture);
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> Scripts.load(dir, "broken.js", "export function route(request, ctx) {\n"
                + "  const x = 1;\n  return [x,;\n}\n"))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PolicyException.Kind.INVALID);
                    assertThat(e.location()).startsWith("broken.js:3:");
                    assertThat(e.getMessage()).contains("does not compile");
                });
    }

    @Test
    void anErrorOnTheFirstLineNamesTheColumnInTheFile() {
        assertThatThrownBy(() -> Scripts.load(dir, "first.js", "const x = ;\nexport function route() {}\n"))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.location()).isEqualTo("first.js:1:11"));
    }

    @Test
    void aTopLevelThatThrowsIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Scripts.load(dir, "throws.js", "export function route() { return []; }\n"
                + "null.boom;\n"))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.location()).startsWith("throws.js:2");
                    assertThat(e.getMessage()).contains("fails when loaded").contains("TypeError");
                });
    }

    @Test
    void aFileWithoutHooksIsRefused() {
        assertThatThrownBy(() -> Scripts.load(dir, "empty.js", "const nothing = 1;\n"))
                .hasMessageContaining("exports no hook");
    }

    @Test
    void importsAndDefaultExportsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> Scripts.load(dir, "imports.js", "// helper\nimport { x } from './x.js';\n"
                + "export function route() {}\n")).hasMessageStartingWith("imports.js:2:");
        assertThatThrownBy(() -> Scripts.load(dir, "default.js", "export default function route() {}\n"))
                .hasMessageStartingWith("default.js:1:");
    }

    @Test
    void aUserThatNeedsAMissingHookIsRefused() {
        Path file = Scripts.write(dir, "request-only.js", "export function onRequest() {}\n");
        assertThatThrownBy(() -> Scripts.engine().load(file, new HookRequirement("routing strategy of model chat",
                Set.of("route"))))
                .hasMessageContaining("routing strategy of model chat needs the file to export route()");
    }

    @Test
    void exportListsAndUnexportedHooksBothWork() {
        PolicyHandle handle = Scripts.load(dir, "listed.js", "function route() { return 'mock/small'; }\n"
                + "export { route };\n");
        assertThat(Scripts.route(handle, Scripts.request("x")).result().asText()).isEqualTo("mock/small");
    }

    @Test
    void aChangedFileIsSwappedInAndABrokenChangeKeepsTheLastGoodVersion() throws Exception {
        PolicyHandle handle = Scripts.load(dir, "live.js", "export function route() { return 'v1'; }\n");
        assertThat(call(handle)).isEqualTo("v1");

        Scripts.write(dir, "live.js", "export function route() { return 'v2'; }\n");
        awaitResult(handle, "v2");

        Scripts.write(dir, "live.js", "export function route() {\n  return 'v3' +;\n}\n");
        awaitLogged("live.js:2:");
        assertThat(call(handle)).isEqualTo("v2");
        assertThat(loggedLines()).anyMatch(line -> line.contains("not reloaded, the last good version stays")
                && line.contains("live.js:2:"));

        Scripts.write(dir, "live.js", "export function route() { return 'v4'; }\n");
        awaitResult(handle, "v4");
    }

    @Test
    void aReloadCannotTakeAwayAHookInUse() throws Exception {
        PolicyHandle handle = Scripts.load(dir, "kept.js", "export function route() { return 'v1'; }\n");
        Scripts.write(dir, "kept.js", "export function onResponse() {}\n");
        awaitLogged("needs the file to export");
        assertThat(call(handle)).isEqualTo("v1");
    }

    @Test
    void callsFromManyVirtualThreadsEachGetTheirOwnAnswer() throws Exception {
        PolicyHandle handle = Scripts.load(dir, "echo.js",
                "export function route(request) { return request.messages[0].content; }\n");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String content = "n" + i;
                answers.add(threads.submit(() -> Scripts.route(handle, Scripts.request(content)).result().asText()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo("n" + i);
            }
        }
    }

    private static String call(PolicyHandle handle) {
        return Scripts.route(handle, Scripts.request("x")).result().asText();
    }

    private static void awaitResult(PolicyHandle handle, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!call(handle).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(call(handle)).isEqualTo(expected);
    }

    private void awaitLogged(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (loggedLines().stream().noneMatch(line -> line.contains(fragment)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(loggedLines()).anyMatch(line -> line.contains(fragment));
    }

    private List<String> loggedLines() {
        synchronized (logged) {
            return List.copyOf(logged);
        }
    }

    @Test
    void anArrayOfPlainStringsIsReadAsJacksonReadsIt() throws Exception {
        for (String json : List.of("[]", "[\"\"]", "[\"openai/gpt-4o\"]", "[\"a\",\"b/c\",\"ü 😀 ,[]\"]")) {
            assertThat(PolicyEngine.stringArray(json)).as(json).isEqualTo(Json.mapper().readTree(json));
        }
        // Anything else is left to the JSON parser.
        for (String json : List.of("[\"a\\\"b\"]", "[\"a\\u0000\"]", "[\"a\",1]", "[1]", "[null]", "[\"a\",]",
                "[,\"a\"]", "[\"a\"\"b\"]", "[\"a\"],[\"b\"]", "[\"a\"]]", "[\"a]", "[", "]", "\"a\"",
                "{\"targets\":[\"a\"]}", "[[\"a\"]]", "[ \"a\"]")) {
            assertThat(PolicyEngine.stringArray(json)).as(json).isNull();
        }
    }

    @Test
    void stringsJoinedByTheSandboxAreSplitBack() {
        assertThat(PolicyEngine.joinedStrings("\0a")).isEqualTo(Json.mapper().createArrayNode().add("a"));
        assertThat(PolicyEngine.joinedStrings("\0")).isEqualTo(Json.mapper().createArrayNode().add(""));
        assertThat(PolicyEngine.joinedStrings("\0\0a/b\0ü 😀\0")).isEqualTo(
                Json.mapper().createArrayNode().add("").add("a/b").add("ü 😀").add(""));
    }

    @Test
    void everyKindOfResultComesBackWithItsTypeAndJson() throws Exception {
        PolicyHandle handle = Scripts.load(dir, "results.js", """
                export function route(request, ctx) {
                  const results = { str: "[not json", colon: "a:b", empty: "", arr: ["a", 1], obj: { a: [1] },
                    objArr: { toJSON() { return [1]; } }, arrNum: Object.assign([1], { toJSON() { return 5; } }),
                    num: 1.5, bool: false, nul: null, undef: undefined, fn: () => 1,
                    strs: ["openai/gpt-4o", "", "b,\\"c\\" ü 😀"], none: [], withNul: ["a", "b\u0000c"],
                    strsJson: Object.assign(["a"], { toJSON() { return ["b"]; } }), boxed: ["a", new String("b")] };
                  if (request.log) {
                    ctx.log("logged");
                  }
                  return results[request.which];
                }
                """);
        String[][] expected = {{"str", "string", "\"[not json\""}, {"colon", "string", "\"a:b\""},
            {"empty", "string", "\"\""}, {"arr", "array", "[\"a\",1]"}, {"obj", "object", "{\"a\":[1]}"},
            {"objArr", "object", "[1]"}, {"arrNum", "array", "5"}, {"num", "number", "1.5"},
            {"bool", "boolean", "false"}, {"nul", "null", null}, {"undef", "undefined", null},
            {"fn", "function", null}, {"strs", "array", "[\"openai/gpt-4o\",\"\",\"b,\\\"c\\\" ü 😀\"]"},
            {"none", "array", "[]"}, {"withNul", "array", "[\"a\",\"b\\u0000c\"]"},
            {"strsJson", "array", "[\"b\"]"}, {"boxed", "array", "[\"a\",\"b\"]"}};
        for (boolean log : new boolean[] {false, true}) {
            for (String[] one : expected) {
                var request = Json.mapper().createObjectNode().put("which", one[0]).put("log", log);
                Outcome outcome = Scripts.engine().call(handle.current(), "route", () -> request, Scripts::context,
                        PolicyLimits.DEFAULT, label -> java.util.Optional.empty());
                assertThat(outcome.type()).as(one[0]).isEqualTo(one[1]);
                assertThat(outcome.result() == null ? null : outcome.result().toString()).as(one[0]).isEqualTo(one[2]);
                assertThat(outcome.logs()).as(one[0]).isEqualTo(log ? List.of("logged") : List.of());
            }
        }
    }
}
