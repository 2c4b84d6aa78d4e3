package dev.sluice.plugins.guardrail.format;

import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.model.ChatRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A rough measure of what checking one complete answer costs: the median and 90th percentile of
 * 10,000 timed calls per case on one thread, after a warm-up, taken in interleaved rounds. Cases:
 * valid answers of about 1 KB and 32 KB, checked as JSON only, against a configured schema, and
 * against the request's {@code response_format} schema (which adds the schema's canonical text and
 * a cache lookup per answer). Not a benchmark (no JMH, one fork); a figure to notice a regression
 * by. Times and a count of findings only are printed.
 *
 * <pre>{@code
 * ./mvnw -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl plugins/guardrail-format
 * cd plugins/guardrail-format
 * "$JAVA_HOME/bin/java" -cp "$(cat target/cp.txt):target/classes:target/test-classes" dev.sluice.plugins.guardrail.format.FormatCost
 * }</pre>
 */
public final class FormatCost {
    static final String CATALOGUE_SCHEMA = """
            {"type": "object", "required": ["items"], "additionalProperties": false,
             "properties": {"items": {"type": "array", "items": {
               "type": "object", "required": ["id", "name", "price", "tags", "in_stock"],
               "additionalProperties": false,
               "properties": {
                 "id": {"type": "integer", "minimum": 1},
                 "name": {"type": "string", "minLength": 1, "maxLength": 80},
                 "price": {"type": "number", "exclusiveMinimum": 0},
                 "tags": {"type": "array", "items": {"enum": ["new", "sale", "popular", "limited"]}},
                 "in_stock": {"type": "boolean"}}}}}}""";

    private static final int WARM_UP = 20_000;
    private static final int ROUNDS = 5;
    private static final int RUNS_PER_ROUND = 2_000;

    private FormatCost() {
    }

    /** One thing to time: a check, and the answer it judges. */
    private record Scenario(String label, GuardrailCheck check, Inspection inspection, long[] nanos) {
        Scenario(String label, GuardrailCheck check, String answer, ChatRequest request) {
            this(label, check, new Inspection(Inspection.Stage.OUTPUT, answer, "assistant", true, request),
                    new long[ROUNDS * RUNS_PER_ROUND]);
        }
    }

    public static void main(String[] args) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int size : new int[] {1_024, 32 * 1_024}) {
            String answer = catalogue(size);
            String kb = String.format(Locale.ROOT, "%4.1f KB ", answer.length() / 1024.0);
            scenarios.add(new Scenario(kb + "JSON only", Checks.check("{}"), answer, Checks.jsonObjectRequest()));
            scenarios.add(new Scenario(kb + "configured schema",
                    Checks.check("{\"schema\": " + CATALOGUE_SCHEMA + "}"), answer, Checks.jsonObjectRequest()));
            scenarios.add(new Scenario(kb + "response_format schema", Checks.check("{}"), answer,
                    Checks.schemaRequest(CATALOGUE_SCHEMA)));
        }
        int findings = 0;
        for (Scenario scenario : scenarios) {
            for (int i = 0; i < WARM_UP; i++) {
                findings += scenario.check().inspect(scenario.inspection()).size();
            }
        }
        // Rounds take turns, so that a burst of load on the machine spreads over every scenario.
        for (int round = 0; round < ROUNDS; round++) {
            for (Scenario scenario : scenarios) {
                for (int i = 0; i < RUNS_PER_ROUND; i++) {
                    long start = System.nanoTime();
                    findings += scenario.check().inspect(scenario.inspection()).size();
                    scenario.nanos()[round * RUNS_PER_ROUND + i] = System.nanoTime() - start;
                }
            }
        }
        for (Scenario scenario : scenarios) {
            long[] nanos = scenario.nanos();
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-32s median %8.1f µs   p90 %8.1f µs%n", scenario.label(),
                    nanos[nanos.length / 2] / 1_000.0, nanos[nanos.length * 9 / 10] / 1_000.0);
        }
        System.out.println("findings (expected 0): " + findings);
    }

    /** A valid answer for {@link #CATALOGUE_SCHEMA} of at least {@code bytes} characters. */
    static String catalogue(int bytes) {
        StringBuilder json = new StringBuilder("{\"items\": [");
        for (int id = 1; json.length() < bytes - 100; id++) {
            json.append(id == 1 ? "" : ", ").append("{\"id\": ").append(id).append(", \"name\": \"Catalogue item ")
                    .append(id).append("\", \"price\": ").append(id % 50 + 0.99)
                    .append(", \"tags\": [\"new\", \"sale\"], \"in_stock\": ").append(id % 3 != 0).append('}');
        }
        return json.append("]}").toString();
    }
}
