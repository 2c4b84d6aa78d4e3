package dev.sluice.plugins.guardrail.pii;

import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures what one {@code inspect} costs with every detector on, for 1 KB and 32 KB of text with
 * and without personal data: the median over many timed batches, after a warm-up. Prints counts
 * and times only.
 *
 * <pre>{@code
 * ./mvnw -q -o -pl plugins/guardrail-pii test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=dev.sluice.plugins.guardrail.pii.InspectCost -Dexec.classpathScope=test
 * }</pre>
 */
public final class InspectCost {
    /** Ordinary prose with the numbers that look like personal data to a careless pattern. */
    private static final String[] PROSE = {
        "The release on 2024-01-15 moved the service to version 10.0.19045 and cut latency by 12.5 percent. ",
        "Order #2024-000123 shipped from the warehouse in 3 boxes weighing 1 250 grams in total. ",
        "See section 3.4.1 of the guide, pages 100-200, and the table of results for build 20240115. ",
        "We measured 42 requests per second at 16:30 with p99 of 350 ms over 1 000 000 samples. ",
        "Customers asked how the new plan compares with the old one and whether prices change in March. ",
        "The function getUserAccountSettings returns a map keyed by the identifier of each setting. ",
    };
    /** Values of every kind, made up for this project. */
    private static final String[] PII = {
        "Write to jane.doe@example.com today. ",
        "Call +44 20 7946 0958 or (555) 010-9999. ",
        "Card 4111 1111 1111 1111 expires soon. ",
        "Pay DE89 3704 0044 0532 0130 00 now. ",
        "SSN 123-45-6789 on file. ",
        "From 192.0.2.44 and 2001:db8::1. ",
        "Key sk-proj-q7Xk2Lm9Rt4Vw8Zp3Bn6Cd1Fg5Hj0KsYa7Ue2Io4Pl9Mn3Bv8 leaked. ",
        "Secret W9/ohP46PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTt here. ",
    };
    private static final ChatRequest REQUEST = ChatRequest.of("chat", List.of(Message.of("user", "hello")));

    private InspectCost() {
    }

    public static void main(String[] args) {
        GuardrailCheck check = new PiiGuardrail().create(Checks.settings(""), null);
        System.out.println("| Text | Findings | Median per inspect | Throughput |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (int size : new int[] {1024, 32 * 1024}) {
            for (boolean withPii : new boolean[] {false, true}) {
                String text = text(size, withPii);
                Inspection inspection = new Inspection(Inspection.Stage.INPUT, text, "user", true, REQUEST);
                int findings = check.inspect(inspection).size();
                double micros = medianMicros(check, inspection, size);
                System.out.printf(Locale.ROOT, "| %d KB, %s | %d | %.1f µs | %.0f MB/s |%n", size / 1024,
                        withPii ? "with personal data" : "without", findings, micros, text.length() / micros);
            }
        }
    }

    /** Prose of exactly {@code size} characters; with personal data, one value every ~300 characters. */
    static String text(int size, boolean withPii) {
        StringBuilder out = new StringBuilder(size + 200);
        int prose = 0;
        int pii = 0;
        while (out.length() < size) {
            out.append(PROSE[prose++ % PROSE.length]);
            if (withPii && prose % 2 == 0) {
                out.append(PII[pii++ % PII.length]);
            }
        }
        // Cut at a space so that no value is cut in half.
        int cut = out.lastIndexOf(" ", size);
        out.setLength(cut);
        while (out.length() < size) {
            out.append(' ');
        }
        return out.toString();
    }

    private static double medianMicros(GuardrailCheck check, Inspection inspection, int size) {
        int perBatch = Math.max(1, 256 * 1024 / size);
        for (int i = 0; i < 200 * perBatch; i++) { // warm-up: let the JIT compile the detectors
            check.inspect(inspection);
        }
        long[] batches = new long[201];
        for (int b = 0; b < batches.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < perBatch; i++) {
                check.inspect(inspection);
            }
            batches[b] = System.nanoTime() - start;
        }
        Arrays.sort(batches);
        return batches[batches.length / 2] / 1000.0 / perBatch;
    }
}
