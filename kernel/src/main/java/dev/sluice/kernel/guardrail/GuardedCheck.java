package dev.sluice.kernel.guardrail;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.audit.GuardrailTrigger;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.guardrail.Inspection.Stage;
import dev.sluice.spi.model.ChatRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One configured check and what the kernel does with its findings: records each (rule and action
 * in the audit record, kinds of personal data counted, never the text), redacts the spans found
 * for redaction, and reports the finding that blocks or retries.
 */
final class GuardedCheck {
    private static final Logger LOG = Logger.getLogger(GuardedCheck.class.getName());

    private final GuardrailConfig.CheckEntry entry;
    private final GuardrailCheck check;

    GuardedCheck(GuardrailConfig.CheckEntry entry, GuardrailCheck check) {
        this.entry = entry;
        this.check = check;
    }

    String name() {
        return entry.name();
    }

    boolean on(Stage stage) {
        return entry.stages().contains(stage);
    }

    /** Inspects one whole text and applies every finding. */
    Verdict apply(Exchange exchange, Stage stage, String text, String role, ChatRequest request,
            Redactions redactions) {
        return apply(exchange, stage, text, role, true, request, redactions, 0, f -> true);
    }

    /**
     * Inspects one text and applies the findings: spans starting before {@code editableFrom} are
     * left alone (text already sent), and only findings {@code recordIf} accepts are recorded
     * (the incremental mode records each finding once, when its text is released).
     */
    Verdict apply(Exchange exchange, Stage stage, String text, String role, boolean complete, ChatRequest request,
            Redactions redactions, int editableFrom, java.util.function.Predicate<Finding> recordIf) {
        List<Finding> findings;
        try {
            findings = check.inspect(new Inspection(stage, text, role, complete, request));
        } catch (RuntimeException e) {
            // A broken check must not let text through unchecked: it blocks, naming itself.
            LOG.log(Level.WARNING, "guardrail " + entry.name() + " failed on request " + exchange.id(), e);
            findings = List.of(Finding.whole("check_failed", "ERROR", Finding.Action.BLOCK,
                    "guardrail " + entry.name() + " could not check the text"));
        }
        if (findings.isEmpty()) {
            return new Verdict(text, Optional.empty());
        }
        record(exchange, stage, findings.stream().filter(f -> recordIf.test(f)
                || f.action() == Finding.Action.BLOCK).toList());
        Optional<Finding> decisive = findings.stream()
                .filter(f -> f.action() == Finding.Action.BLOCK
                        || (f.action() == Finding.Action.RETRY && stage == Stage.OUTPUT))
                .max(Comparator.comparing(Finding::action));
        List<Finding> spans = new ArrayList<>(findings.stream()
                .filter(f -> f.action() == Finding.Action.REDACT && f.hasSpan() && f.start() >= editableFrom
                        && f.end() <= text.length()).toList());
        spans.sort(Comparator.comparingInt(Finding::start).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = text.length();
        for (Finding f : spans) {
            if (f.end() > limit) {
                continue;
            }
            String value = text.substring(f.start(), f.end());
            out.replace(f.start(), f.end(), redactions.placeholder(f.type(), value, entry.restore()));
            limit = f.start();
        }
        return new Verdict(out.toString(), decisive);
    }

    private void record(Exchange exchange, Stage stage, List<Finding> findings) {
        Set<String> seen = new HashSet<>();
        String side = stage.name().toLowerCase(Locale.ROOT);
        for (Finding f : findings) {
            String action = f.action() == Finding.Action.RETRY && stage == Stage.INPUT ? "flag"
                    : f.action().name().toLowerCase(Locale.ROOT);
            if (seen.add(f.rule() + "\u0000" + action)) {
                exchange.guardrailTriggered(new GuardrailTrigger(entry.name(), f.rule(), action, side));
            }
            if (f.pii()) {
                exchange.piiFound(f.type().toLowerCase(Locale.ROOT), 1);
            }
        }
    }
}
