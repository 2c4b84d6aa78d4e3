package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Array.prototype.sort} with a comparator, which the sandbox runs itself for small arrays:
 * it must sort as the specification says, as the builtin does for larger arrays.
 */
class SandboxSortTest {
    @TempDir
    Path dir;
    private int files;

    /** What a policy body returns, as a string. */
    private String run(String body) {
        PolicyHandle handle = Scripts.load(dir, "sort-" + ++files + ".js",
                "export function route(request, ctx) {\n" + body + "\n}\n");
        return Scripts.route(handle, Scripts.request("hi")).result().asText();
    }

    @Test
    void equalElementsKeepTheirOrder() {
        assertThat(run("""
                const a = [{k: 1, n: "a"}, {k: 0, n: "b"}, {k: 1, n: "c"}, {k: 0, n: "d"}, {k: -1, n: "e"}];
                return a.sort((x, y) => x.k - y.k).map((x) => x.n).join("");
                """)).isEqualTo("ebdac");
    }

    @Test
    void undefinedGoesLastAndHolesToTheEnd() {
        assertThat(run("""
                const a = [3, undefined, , 1, 2, , undefined];
                let called = 0;
                const same = a.sort((x, y) => { called++; if (x === undefined || y === undefined) throw 1; return x - y; });
                return [same === a, a.length, JSON.stringify(a.slice(0, 5)), 4 in a, 5 in a, 6 in a, called > 0].join(" ");
                """)).isEqualTo("true 7 [1,2,3,null,null] true false false true");
    }

    @Test
    void comparatorResultsAreReadAsNumbers() {
        assertThat(run("""
                const valueOf = { valueOf() { return 1; } };
                return [
                  JSON.stringify([2, 1].sort(() => NaN)),
                  JSON.stringify([2, 1].sort(() => "1")),
                  JSON.stringify([2, 1].sort(() => valueOf)),
                  JSON.stringify([2, 1].sort(() => undefined)),
                  JSON.stringify([1, 2].sort(() => -Infinity)),
                  (() => { try { [2, 1].sort(() => 1n); return "no error"; } catch (e) { return e.name; } })(),
                  (() => { try { [2, 1].sort(() => Symbol()); return "no error"; } catch (e) { return e.name; } })()
                ].join(" ");
                """)).isEqualTo("[2,1] [1,2] [1,2] [2,1] [1,2] TypeError TypeError");
    }

    @Test
    void aComparatorThatThrowsLeavesTheArrayAsItWas() {
        assertThat(run("""
                const a = [3, 1, 2];
                let calls = 0;
                try {
                  a.sort((x, y) => { if (++calls === 2) throw new Error("no"); return x - y; });
                } catch (e) {
                  return JSON.stringify(a) + " " + e.message;
                }
                return "no error";
                """)).isEqualTo("[3,1,2] no");
    }

    @Test
    void theComparatorIsCalledWithoutThisAndTwoElements() {
        assertThat(run("""
                const seen = [];
                [2, 1, 3].sort(function (x, y) { seen.push(this === undefined, arguments.length); return x - y; });
                return seen.every((v) => v === true || v === 2) ? "ok" : JSON.stringify(seen);
                """)).isEqualTo("ok");
    }

    @Test
    void frozenArraysAndBadComparatorsFailAsTheBuiltinFails() {
        assertThat(run("""
                const errors = [];
                for (const attempt of [
                  () => Object.freeze([2, 1]).sort((x, y) => x - y),
                  () => Object.freeze([1, 2]).sort((x, y) => x - y),
                  () => [2, 1].sort(5),
                  () => [2, 1].sort({}),
                  () => Array.prototype.sort.call(null, (x, y) => x - y)
                ]) {
                  try { attempt(); errors.push("none"); } catch (e) { errors.push(e.name); }
                }
                return errors.join(" ");
                """)).isEqualTo("TypeError TypeError TypeError TypeError TypeError");
    }

    @Test
    void arrayLikesAndLargeArraysAreSortedByTheBuiltin() {
        assertThat(run("""
                const like = Array.prototype.sort.call({ length: 3, 0: "c", 1: "a", 2: "b" }, (x, y) => x < y ? -1 : 1);
                const big = Array.from({ length: 100 }, (_, i) => ({ k: i % 7, i })).sort((x, y) => x.k - y.k);
                const stable = big.every((x, i) => i === 0 || big[i - 1].k < x.k || big[i - 1].i < x.i);
                return [like[0], like[1], like[2], big.length, big[0].k, big[99].k, stable].join(" ");
                """)).isEqualTo("a b c 100 0 6 true");
    }

    @Test
    void randomArraysSortLikeAStableSort() {
        Random random = new Random(7);
        StringBuilder cases = new StringBuilder("[");
        List<String> expected = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            int length = random.nextInt(34);
            List<int[]> items = new ArrayList<>();
            StringBuilder literal = new StringBuilder("[");
            for (int i = 0; i < length; i++) {
                int key = random.nextInt(5) - 2;
                items.add(new int[] {key, i});
                literal.append(i > 0 ? "," : "").append("{k:").append(key).append(",i:").append(i).append("}");
            }
            cases.append(c > 0 ? "," : "").append(literal).append("]");
            items.sort(Comparator.comparingInt(item -> item[0]));
            expected.add(items.stream().map(item -> Integer.toString(item[1])).collect(Collectors.joining(",")));
        }
        cases.append("]");
        String sorted = run("const cases = " + cases + ";\n"
                + "return cases.map((a) => a.sort((x, y) => x.k - y.k).map((x) => x.i).join(\",\")).join(\";\");");
        assertThat(sorted).isEqualTo(String.join(";", expected));
    }
}
