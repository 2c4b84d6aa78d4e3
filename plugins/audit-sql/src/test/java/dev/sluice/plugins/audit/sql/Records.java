package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Audit records for the tests: simple ones, and a varied data set seeded for the auditors' questions. */
final class Records {
    static final Instant Q1_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant Q1_END = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    static final GuardrailTrigger EMAIL = new GuardrailTrigger("pii", "email", "redact", "input");
    static final GuardrailTrigger TOXIC = new GuardrailTrigger("toxicity", "insult", "block", "output");

    private static final String[] TEAMS = {"risk", "growth", "platform", null};
    private static final String[] PROJECTS = {"atlas", "borealis", "cygnus", null};
    private static final String[] USERS = {"ana", "ben", "chloe", null};
    private static final String[] MODELS = {"gpt-4o", "claude-sonnet", "llama"};

    private Records() {
    }

    /** A plain successful record. */
    static AuditRecord simple(String requestId, Instant at) {
        return AuditRecord.builder(requestId, at).team("risk").project("atlas").userId("ana")
                .modelRequested("gpt-4o").modelServed("gpt-4o-2024-08-06").provider("openai").route("chat")
                .promptTokens(12).completionTokens(30).totalTokens(42).latencyMs(812.5).gatewayOverheadMs(1.25)
                .costUsd(new BigDecimal("0.000315")).build();
    }

    /**
     * About 400 varied records over 2025-12 to 2026-11, shuffled (so the order they are written
     * in is not their time order), with decoys right at the edges of Q1 and of October.
     */
    static List<AuditRecord> seeded() {
        Random random = new Random(20260101);
        List<AuditRecord> out = new ArrayList<>();
        Instant start = Instant.parse("2025-12-01T00:00:00Z");
        long span = Instant.parse("2026-11-30T00:00:00Z").getEpochSecond() - start.getEpochSecond();
        for (int i = 0; i < 400; i++) {
            // Distinct times, some with sub-millisecond parts.
            Instant at = start.plusSeconds(random.nextLong(span) / 400 * 400 + i)
                    .plusNanos(i % 3 == 0 ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000L);
            out.add(varied("req_" + i, at, random));
        }
        // Right at the edges: in Q1 by a nanosecond, out of it by a nanosecond, and the same for October.
        out.add(edge("edge_q1_first", Q1_START, true));
        out.add(edge("edge_q1_before", Q1_START.minusNanos(1), true));
        out.add(edge("edge_q1_last", Q1_END.minusNanos(1), true));
        out.add(edge("edge_q1_after", Q1_END, true));
        out.add(edge("edge_oct_first", OCTOBER, false));
        out.add(edge("edge_oct_last", NOVEMBER.minusMillis(1), false));
        out.add(edge("edge_nov_first", NOVEMBER, false));
        Collections.shuffle(out, random);
        return out;
    }

    private static AuditRecord edge(String id, Instant at, boolean pii) {
        return AuditRecord.builder(id, at).team("risk").project("atlas").userId("ana").modelRequested("gpt-4o")
                .modelServed("gpt-4o").provider("openai").route("chat").promptTokens(1).completionTokens(1)
                .totalTokens(2).piiDetected(pii).guardrailsTriggered(pii ? List.of(EMAIL) : List.of())
                .piiTypes(pii ? Map.of("email", 1) : Map.of()).costUsd(new BigDecimal("1.000000000001")).build();
    }

    private static AuditRecord varied(String id, Instant at, Random random) {
        String model = MODELS[random.nextInt(MODELS.length)];
        int kind = random.nextInt(10);
        int status = kind == 0 ? 429 : kind == 1 ? 500 : 200;
        String error = kind == 0 ? "rate limited" : kind == 1 ? "upstream failed" : kind == 2 ? "stream broke" : null;
        boolean pii = random.nextInt(4) == 0;
        List<GuardrailTrigger> triggers = new ArrayList<>();
        if (pii) {
            triggers.add(EMAIL);
        }
        if (random.nextInt(6) == 0) {
            triggers.add(TOXIC);
        }
        Integer prompt = random.nextInt(8) == 0 ? null : random.nextInt(5000);
        Integer completion = prompt == null ? null : random.nextInt(2000);
        // Costs with up to twelve decimals, where summing doubles would drift.
        BigDecimal cost = random.nextInt(7) == 0 ? null
                : BigDecimal.valueOf(random.nextLong(50_000_000_000L), 12).add(new BigDecimal("0.1"));
        return AuditRecord.builder(id, at).team(pick(TEAMS, random)).project(pick(PROJECTS, random))
                .userId(pick(USERS, random)).sessionId(random.nextBoolean() ? "sess_" + random.nextInt(5) : null)
                .keyId("key_" + random.nextInt(3)).tags(List.of("t" + random.nextInt(3)))
                .route(model.equals("llama") ? "local" : "chat").modelRequested(model)
                .modelServed(model.equals("gpt-4o") ? "gpt-4o-2024-08-06" : model)
                .provider(model.startsWith("gpt") ? "openai" : model.startsWith("claude") ? "anthropic" : "ollama")
                .promptTokens(prompt).completionTokens(completion)
                .totalTokens(prompt == null ? null : prompt + completion).promptHash("ab".repeat(32))
                .latencyMs(random.nextInt(100_000) / 8.0).gatewayOverheadMs(random.nextInt(1000) / 100.0)
                .timeToFirstTokenMs(random.nextBoolean() ? 120.5 : null).status(status).error(error)
                .errorType(error == null ? null : "upstream_error").costUsd(cost).guardrailsTriggered(triggers)
                .piiDetected(pii).piiTypes(pii ? Map.of("email", 1 + random.nextInt(3)) : Map.of())
                .routingStrategy("fallback")
                .attempts(List.of(new AuditAttempt("openai", model, status, error, 800)))
                .failoverAttempted(random.nextInt(5) == 0).cacheHit(random.nextInt(9) == 0)
                .stream(random.nextBoolean()).finishReason("stop").build();
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
