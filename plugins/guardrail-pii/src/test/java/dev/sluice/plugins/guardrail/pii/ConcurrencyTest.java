package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void oneCheckGivesTheSameFindingsOnManyThreadsAtOnce() throws Exception {
        PiiCheck check = Checks.check("");
        List<String> texts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Corpus.of(kind).forEach(s -> texts.add(s.text()));
        }
        List<List<Finding>> expected = texts.stream().map(t -> Checks.input(check, t)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (!Checks.input(check, texts.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
