package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a policy must not be able to do: reach the host, read files, start threads or processes,
 * make code from strings, run forever, exhaust memory, or leave anything behind for the next
 * request. After every attempt the engine still serves.
 *
 * <p>Here calls run as the gateway runs them by default; the subclasses repeat every case on the
 * callers' virtual threads and, explicitly, on the worker threads.
 */
class SandboxEscapeTest {
    @TempDir
    Path dir;

    @AfterEach
    void engineStillServes() {
        PolicyHandle sane = Scripts.load(dir, "sane.js", "export function route() { return ['mock/small']; }");
        assertThat(Scripts.route(sane, Scripts.request("hi")).result().get(0).asText()).isEqualTo("mock/small");
    }

    private int attacks;

    /** The attack as a policy file of its own: the engine keeps one handle per path. */
    private PolicyHandle policy(String body) {
        Path own = dir.resolve("attack-" + ++attacks);
        try {
            Files.createDirectory(own);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Scripts.load(own, "attack.js", "export function route(request, ctx) {\n" + body + "\n}\n");
    }

    private String result(String body) {
        return Scripts.route(policy(body), Scripts.request("hi")).result().asText();
    }

    private PolicyException failure(String body) {
        return failure(body, PolicyLimits.DEFAULT);
    }

    private PolicyException failure(String body, PolicyLimits limits) {
        PolicyHandle handle = policy(body);
        try {
            Scripts.route(handle, Scripts.request("hi"), limits);
        } catch (PolicyException e) {
            return e;
        }
        throw new AssertionError("the call was expected to fail");
    }

    @Test
    void javaTypeIsNotThere() {
        assertThat(failure("return Java.type('java.lang.System').getProperty('user.home');").getMessage())
                .contains("attack.js:2").contains("ReferenceError").contains("Java");
    }

    @Test
    void polyglotImportIsNotThere() {
        assertThat(failure("return Polyglot.import('secrets');").getMessage()).contains("ReferenceError");
    }

    @Test
    void loadIsNotThere() {
        assertThat(failure("return load('/etc/passwd');").getMessage()).contains("ReferenceError");
    }

    @Test
    void noHostGlobalIsDefined() {
        assertThat(result("return ['Java', 'Polyglot', 'Graal', 'Packages', 'java', 'load', 'print', 'console',"
                + " 'require', 'process', 'fetch', 'XMLHttpRequest', 'Worker', 'SharedArrayBuffer', 'Atomics',"
                + " 'WeakRef', 'FinalizationRegistry', 'eval', 'quit'].filter(n => typeof globalThis[n] !== 'undefined')"
                + ".join(',') || 'none';")).isEqualTo("none");
    }

    @Test
    void codeFromStringsIsRefused() {
        assertThat(failure("return new Function('return 1')();").getMessage()).contains("EvalError");
        assertThat(failure("return (function () {}).constructor('return globalThis')();").getMessage())
                .contains("EvalError");
        assertThat(failure("return (async function () {}).constructor('return 1')();").getMessage())
                .contains("EvalError");
    }

    @Test
    void theArgumentsRevealNothingOfTheHost() {
        assertThat(result("const h = ctx.health('openai/gpt-4o');"
                + " return [typeof h.getClass, typeof ctx.log.getClass, typeof request.getClass, typeof request.hashCode,"
                + " typeof ctx.caller.toString === 'function' ? 'fn' : 'none', Object.isFrozen(ctx)].join(':');"))
                .isEqualTo("undefined:undefined:undefined:undefined:fn:true");
        // ctx's fact objects show their fields and nothing else: no methods, no class.
        assertThat(result("const t = ctx.targets[0]; const found = [];"
                + " for (const o of [ctx.caller, t, t.health, ctx.health('openai/gpt-4o')]) {"
                + "   for (const m of ['getClass', 'hashCode', 'equals', 'wait', 'notify', 'toString', 'class',"
                + "       'constructor', '__proto__']) {"
                + "     const v = o[m]; if (v != null && v !== Object && v !== Object.prototype.toString"
                + "         && v !== Object.getPrototypeOf(o)) { found.push(m); } }"
                + "   if (!Object.isFrozen(Object.getPrototypeOf(o))) { found.push('prototype'); } }"
                + " return [found.join(',') || 'none', Object.keys(t).join(','), Object.keys(t.health).join(',')].join(';');"))
                .isEqualTo("none;provider,model,label,weight,health;"
                        + "state,available,requests,error_rate,latency_ms,first_token_ms,p95_ms");
    }

    @Test
    void theRequestAndTheContextAreReadOnly() {
        assertThat(failure("request.model = 'other';").getMessage()).contains("read-only");
        assertThat(failure("request.messages.push({ role: 'user', content: 'more' });").getMessage())
                .contains("read-only");
        assertThat(failure("ctx.caller.team = 'admins';").getMessage()).contains("read-only: cannot set team");
        assertThat(failure("delete ctx.targets[0].health.available;").getMessage())
                .contains("read-only: cannot delete available").doesNotContain("PolicyFacts");
        assertThat(failure("ctx.targets[0].weight = 100;").getMessage()).contains("read-only: cannot set weight");
        assertThat(failure("ctx.spend = 0;").getMessage()).contains("TypeError");
    }

    @Test
    void anEndlessLoopStopsAtTheStatementLimit() {
        PolicyException e = failure("let n = 0; while (true) { n = n + 1; }",
                Scripts.limits(Duration.ofSeconds(10), 100_000, 64L << 20));
        assertThat(e.kind()).isEqualTo(PolicyException.Kind.STATEMENT_LIMIT);
        assertThat(e.getMessage()).contains("100000 statements");
    }

    @Test
    void aCallStopsAtTheTimeLimit() {
        PolicyException e = failure("for (;;) {}", Scripts.limits(Duration.ofMillis(200), 1L << 40, 64L << 20));
        assertThat(e.kind()).isEqualTo(PolicyException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("time limit of 200ms");
    }

    @Test
    void theTimeLimitHoldsAfterAQuietSpell() throws InterruptedException {
        PolicyHandle handle = policy("for (;;) {}");
        // Once the watchdog sleeps for lack of calls, the next call must wake it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Scripts.engine().watchdog().isSleeping() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Scripts.engine().watchdog().isSleeping()).as("the watchdog went to sleep").isTrue();
        try {
            Scripts.route(handle, Scripts.request("hi"), Scripts.limits(Duration.ofMillis(200), 1L << 40, 64L << 20));
            throw new AssertionError("the call was expected to time out");
        } catch (PolicyException e) {
            assertThat(e.kind()).isEqualTo(PolicyException.Kind.TIMEOUT);
        }
    }

    @Test
    void oneStepHugeArraysAreRefusedBeforeTheyAreAllocated() {
        assertThat(failure("return new Array(1e9).fill(0).length;").getMessage()).contains("RangeError");
        assertThat(failure("return Array.from({ length: 2e8 }).length;").getMessage()).contains("RangeError");
        assertThat(failure("return Object.keys('x'.repeat(1e7)).length;").getMessage()).contains("RangeError");
        assertThat(failure("return 'x'.repeat(1e7).split('').length;").getMessage()).contains("RangeError");
        assertThat(failure("return new Array(1e8).toSorted().length;").getMessage()).contains("RangeError");
        assertThat(failure("return [].concat(new Array(1e8), new Array(1e8)).length;").getMessage())
                .contains("RangeError");
    }

    @Test
    void hugeStringsAndBuffersAreRefused() {
        assertThat(failure("return 'x'.repeat(2 ** 30).length;").getMessage()).contains("RangeError");
        assertThat(failure("return new Uint8Array(2 ** 28).length;").getMessage()).contains("RangeError");
        assertThat(failure("return new ArrayBuffer(2 ** 31).byteLength;").getMessage()).contains("RangeError");
    }

    @Test
    void growingAllocationStopsAtTheAllocationLimit() {
        PolicyException e = failure("const kept = []; for (;;) { kept.push(new Array(10000).fill(1.5)); }",
                Scripts.limits(Duration.ofSeconds(10), 1L << 40, 16L << 20));
        assertThat(e.kind()).isEqualTo(PolicyException.Kind.ALLOCATION_LIMIT);
    }

    @Test
    void builtinsCannotBePollutedForTheNextRequest() {
        PolicyHandle handle = policy("""
                if (request.messages[0].content === 'attack') {
                  const tried = [];
                  for (const attempt of [
                      () => { Object.prototype.polluted = 'yes'; },
                      () => { Array.prototype.map = () => ['evil/target']; },
                      () => { Object.defineProperty(Object.prototype, 'polluted', { get: () => 'yes' }); },
                      () => { JSON.parse = () => ({ polluted: 'yes' }); },
                      () => { String.prototype.trim = function () { return 'yes'; }; },
                      () => { Object.getPrototypeOf(function* () {}).polluted = 'yes'; },
                      () => { globalThis.polluted = 'yes'; },
                      // What the request's, ctx's and their members' views inherit from.
                      () => { Object.getPrototypeOf(request).polluted = 'yes'; },
                      () => { Object.getPrototypeOf(request.messages).polluted = 'yes'; },
                      () => { Object.getPrototypeOf(ctx.caller).polluted = 'yes'; },
                      () => { Object.getPrototypeOf(ctx.targets[0].health).polluted = 'yes'; },
                      () => { Object.getPrototypeOf(ctx.time).polluted = 'yes'; },
                      () => { Object.setPrototypeOf(Object.getPrototypeOf(request), { polluted: 'yes' }); }]) {
                    try { attempt(); tried.push('took'); } catch (e) { tried.push(e.name); }
                  }
                  return tried;
                }
                return [String(({}).polluted), String(globalThis.polluted), [1].map(x => x + 1).join(),
                    ' a '.trim(), String(JSON.parse('{}').polluted), String(request.polluted),
                    String(request.messages.polluted), String(ctx.caller.polluted),
                    String(ctx.targets[0].health.polluted), String(ctx.time.polluted)];
                """);
        for (int i = 0; i < 20; i++) {
            assertThat(Scripts.route(handle, Scripts.request("attack")).result().toString())
                    .doesNotContain("took");
            assertThat(Scripts.route(handle, Scripts.request("check")).result().toString())
                    .isEqualTo("[\"undefined\",\"undefined\",\"2\",\"a\",\"undefined\",\"undefined\","
                            + "\"undefined\",\"undefined\",\"undefined\",\"undefined\"]");
        }
    }

    @Test
    void aRequestCannotReadTheDataOfAnEarlierOne() {
        PolicyHandle handle = Scripts.load(dir, "spy.js", """
                let previous = 'nothing';
                const seen = [];
                export function route(request, ctx) {
                  const before = previous + ':' + seen.length;
                  previous = request.messages[0].content;
                  seen.push(request);
                  return before;
                }
                """);
        for (int i = 0; i < 20; i++) {
            assertThat(Scripts.route(handle, Scripts.request("secret-" + i)).result().asText())
                    .isEqualTo("nothing:0");
        }
    }

    @Test
    void ctxCarriesNothingFromOneCallToTheNext() {
        PolicyHandle handle = Scripts.load(dir, "ctx-spy.js", """
                export function route(request, ctx) {
                  if (ctx.caller.team === 'attacker') {
                    const tried = [];
                    for (const attempt of [
                        () => { ctx.leak = ctx.caller.user; },
                        () => { ctx.log.leak = ctx.caller.user; },
                        () => { ctx.health.leak = ctx.caller.user; },
                        () => { Object.getOwnPropertyDescriptor(ctx, 'caller').get.leak = ctx.caller.user; },
                        () => { Object.defineProperty(ctx, 'caller', { value: { team: 'forged' } }); },
                        () => { Object.setPrototypeOf(ctx, { leak: 'proto' }); }]) {
                      try { attempt(); tried.push('took'); } catch (e) { tried.push(e.name); }
                    }
                    Promise.resolve().then(() => { ctx.log('late', ctx.caller.user); });
                    return tried;
                  }
                  return [ctx.caller.team, ctx.caller.user, String(ctx.leak), String(ctx.log.leak),
                      String(ctx.health.leak), String(Object.getOwnPropertyDescriptor(ctx, 'caller').get.leak),
                      String(Object.isFrozen(ctx))];
                }
                """);
        Caller attacker = Caller.ANONYMOUS.withTeam("attacker").withUser("mallory");
        Caller victim = Caller.ANONYMOUS.withTeam("search").withUser("victim-1");
        for (int i = 0; i < 10; i++) {
            Outcome attack = Scripts.engine().call(handle.current(), "route", () -> Scripts.request("hi"),
                    () -> Scripts.context(attacker, Instant.now()), PolicyLimits.DEFAULT, label -> Optional.empty());
            assertThat(attack.result().toString()).doesNotContain("took");
            Outcome check = Scripts.engine().call(handle.current(), "route", () -> Scripts.request("hi"),
                    () -> Scripts.context(victim, Instant.now()), PolicyLimits.DEFAULT, label -> Optional.empty());
            assertThat(check.result().toString())
                    .isEqualTo("[\"search\",\"victim-1\",\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"true\"]");
            assertThat(check.logs()).isEmpty();
        }
    }

    @Test
    void regExpResultsDoNotOutliveTheirCall() {
        PolicyHandle handle = policy("""
                if (request.messages[0].content.startsWith('secret')) {
                  return /(secret-\\w+)/.exec(request.messages[0].content)[1];
                }
                return typeof RegExp.$1 + ':' + typeof RegExp.lastMatch;
                """);
        for (int i = 0; i < 10; i++) {
            Scripts.route(handle, Scripts.request("secret-" + i));
            assertThat(Scripts.route(handle, Scripts.request("check")).result().asText())
                    .isEqualTo("undefined:undefined");
        }
    }

    @Test
    void aDeepRecursionFailsOnlyItsCall() {
        assertThat(failure("const f = n => f(n + 1) + 1; return f(0);").getMessage()).contains("RangeError");
    }
}
