package dev.sluice.plugins.guardrail.format;

import static dev.sluice.plugins.guardrail.format.Checks.check;
import static dev.sluice.plugins.guardrail.format.Checks.inspect;
import static dev.sluice.plugins.guardrail.format.Checks.plainRequest;
import static dev.sluice.plugins.guardrail.format.Checks.schemaRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What keeps a check cheap and correct under load: evaluation limits, and sharing among threads. */
class LimitsTest {

    @Test
    void documentNeedingMoreEvaluationStepsThanTheLimitIsReportedNotCheckedOnAndOn() {
        GuardrailCheck check = check("{\"schema\": {\"type\": \"array\", \"items\": {\"type\": \"integer\"}}}");
        String answer = "[" + "1,".repeat((int) CompiledSchema.MAX_EVALUATION_STEPS) + "1]";

        assertThat(inspect(check, answer, plainRequest())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("json_schema");
            assertThat(finding.detail()).contains("too large or too deeply nested to check against the schema");
        });
    }

    @Test
    void largeCatalogueWellUnderTheLimitIsChecked() {
        GuardrailCheck check = check("{\"schema\": " + FormatCost.CATALOGUE_SCHEMA + "}");

        assertThat(inspect(check, FormatCost.catalogue(256 * 1024), plainRequest())).isEmpty();
    }

    @Test
    void manyThreadsShareOneCheckAndItsSchemaCache() throws Exception {
        GuardrailCheck check = check("{}");
        List<String> schemas = List.of(
                "{\"type\": \"object\", \"required\": [\"a\"]}",
                "{\"type\": \"object\", \"required\": [\"b\"]}",
                "{\"type\": \"object\", \"required\": [\"c\"]}",
                "{\"type\": \"object\", \"required\": [\"d\"]}");
        int threads = 16;
        int rounds = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> wrong = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                wrong.add(pool.submit(() -> {
                    start.await();
                    int mistakes = 0;
                    for (int i = 0; i < rounds; i++) {
                        int wanted = (thread + i) % schemas.size();
                        String key = String.valueOf((char) ('a' + wanted));
                        String other = String.valueOf((char) ('a' + (wanted + 1) % schemas.size()));
                        List<Finding> good = inspect(check, "{\"" + key + "\": 1}", schemaRequest(schemas.get(wanted)));
                        List<Finding> bad = inspect(check, "{\"" + other + "\": 1}", schemaRequest(schemas.get(wanted)));
                        if (!good.isEmpty() || bad.size() != 1) {
                            mistakes++;
                        }
                    }
                    return mistakes;
                }));
            }
            start.countDown();
            for (Future<Integer> future : wrong) {
                assertThat(future.get()).isZero();
            }
        }
    }
}
