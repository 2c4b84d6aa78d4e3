package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a {@code rules} check costs per prompt message: the median time of {@code inspect} on
 * 1 KB and 32 KB of ordinary text (nothing to find, the usual case), the lowest of three rounds,
 * for the injection heuristics alone, terms alone, single patterns, the deny lists, and a full
 * configuration. Not a test; run with
 * <pre>
 * ./mvnw -B -ntp -o -q test-compile exec:java -pl plugins/guardrail-rules \
 *     -Dexec.mainClass=dev.sluice.plugins.guardrail.rules.RulesCost -Dexec.classpathScope=test
 * </pre>
 */
public final class RulesCost {
    private static final String[] WORDS = ("the a of and to in is that for it as with was on be by this are from at"
            + " or an have not which but all were when we there can more if will about up out them some would"
            + " request service gateway model latency budget cache token route provider answer stream config"
            + " deploy server client header retry timeout error record value field method class interface"
            + " system instructions previous prompt rules policy user message team project report summary")
            .split(" ");

    private static final String DENY_ONLY = """
            deny: [falcon, "project hawk", "blue heron", osprey, kestrel, "red kite", merlin, harrier, buzzard,
                   condor, "snowy owl", "barn owl", peregrine, goshawk, sparrowhawk, kingfisher, "grey wagtail",
                   nightjar, "golden eagle", "sea eagle"]
            deny_patterns:
              - { id: ticket, pattern: "\\\\bINC-\\\\d{6}\\\\b" }
              - { id: build, pattern: "(?i)\\\\bbuild-[0-9a-f]{8}\\\\b", action: redact }
              - { id: host, pattern: "\\\\b[a-z0-9-]+\\\\.corp\\\\.example\\\\.com\\\\b" }
            allow: ["falcon heavy", "barn owl trust"]
            injection: false
            """;

    private static final String TERMS_ONLY = DENY_ONLY.substring(0, DENY_ONLY.indexOf("deny_patterns"))
            + "injection: false\n";

    private RulesCost() {
    }

    public static void main(String[] args) {
        String full = DENY_ONLY.replace("injection: false", """
                topics:
                  - { name: medical_advice, keywords: [diagnose, prescription, dosage, symptom, "diagnos*"], min_matches: 2 }
                  - { name: legal_advice, keywords: [lawsuit, liability, attorney, "sue"], min_matches: 2 }
                max_prompt_tokens: 16000
                injection: true
                """);
        List<Object[]> configs = List.of(
                new Object[] {"injection heuristics only (default)", Checks.check("")},
                new Object[] {"20 denied terms only", Checks.check(TERMS_ONLY)},
                new Object[] {"one pattern starting with \\b: \\bINC-\\d{6}\\b",
                        Checks.check("deny_patterns: [\"\\\\bINC-\\\\d{6}\\\\b\"]\ninjection: false")},
                new Object[] {"one pattern starting with a literal: INC-\\d{6}\\b",
                        Checks.check("deny_patterns: [\"INC-\\\\d{6}\\\\b\"]\ninjection: false")},
                new Object[] {"deny lists (20 terms, 3 patterns, 2 allowed)", Checks.check(DENY_ONLY)},
                new Object[] {"full (deny lists, 2 topics, size, injection)", Checks.check(full)});
        String kb1 = text(1_024, 1);
        String kb32 = text(32 * 1_024, 2);
        System.out.printf(Locale.ROOT, "%-56s %14s %14s%n", "configuration", "1 KB median", "32 KB median");
        for (Object[] c : configs) {
            GuardrailCheck check = (GuardrailCheck) c[1];
            double small = Double.MAX_VALUE;
            double large = Double.MAX_VALUE;
            // The lowest of three medians: other processes on the machine only ever add time.
            for (int round = 0; round < 3; round++) {
                small = Math.min(small, medianMicros(check, kb1, 3_000));
                large = Math.min(large, medianMicros(check, kb32, 300));
            }
            System.out.printf(Locale.ROOT, "%-56s %11.1f µs %11.1f µs%n", c[0], small, large);
        }
        System.out.println("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
    }

    /** Ordinary prose-like text of the given length, the same for a seed. */
    static String text(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length + 16);
        int sentence = 0;
        while (sb.length() < length) {
            String w = WORDS[random.nextInt(WORDS.length)];
            sb.append(sentence == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            sentence++;
            if (sentence > 8 && random.nextInt(6) == 0) {
                sb.append(". ");
                sentence = 0;
            } else {
                sb.append(' ');
            }
        }
        return sb.substring(0, length);
    }

    private static double medianMicros(GuardrailCheck check, String text, int runs) {
        Inspection inspection = new Inspection(Inspection.Stage.INPUT, text, "user", true,
                ChatRequest.of("chat", List.of(Message.of("user", text))));
        int found = 0;
        for (int i = 0; i < runs; i++) { // warm-up
            found += check.inspect(inspection).size();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            found += check.inspect(inspection).size();
            nanos[i] = System.nanoTime() - start;
        }
        if (found != 0) {
            System.out.println("(" + found + " findings on the sample text)");
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1_000.0;
    }
}
