package dev.sluice.plugins.guardrail.rules;

import dev.sluice.plugins.guardrail.rules.InjectionHeuristics.Heuristic;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.Inspection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prompt-injection heuristics on the prompt: the phrases of {@link InjectionHeuristics}, and the
 * same phrases hidden in base64. Each occurrence is a finding {@code injection:<id>} of type
 * {@code INJECTION} over the phrase. Messages from roles the operator writes (by default
 * {@code system} and {@code developer}) are not checked: a system prompt may well say "never
 * reveal your system prompt". Answers are not checked either.
 */
final class InjectionRule implements TextRule {
    private static final String TYPE = "INJECTION";
    private static final PhraseScanner SCANNER = new PhraseScanner(InjectionHeuristics.PHRASES);

    private final Action action;
    private final Set<String> ignoredRoles;
    private final StepBudget budget;

    InjectionRule(Action action, Set<String> ignoredRoles, StepBudget budget) {
        this.action = action;
        this.ignoredRoles = ignoredRoles.stream().map(r -> r.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.budget = budget;
    }

    @Override
    public void inspect(Inspection inspection, List<Finding> findings) {
        if (inspection.stage() != Inspection.Stage.INPUT
                || ignoredRoles.contains(inspection.role().toLowerCase(Locale.ROOT))) {
            return;
        }
        String text = inspection.text();
        PhraseScanner.Result result = SCANNER.scan(text, budget.forLength(text.length()));
        for (PhraseScanner.Hit hit : result.hits()) {
            String id = hit.heuristic().id();
            findings.add(Finding.span(rule(id), TYPE, false, hit.span().start(), hit.span().end(), action,
                    "the text looks like a prompt injection (" + id + ")"));
        }
        for (Heuristic h : result.exhausted()) {
            findings.add(Finding.whole(rule(h.id()), TYPE, action,
                    "injection heuristic " + h.id() + " could not finish on this text; treated as a match"));
        }
        for (Span run : Base64Text.runs(text)) {
            Optional<String> decoded = Base64Text.decode(text.subSequence(run.start(), run.end()));
            if (decoded.isPresent() && anyPhrase(decoded.get())) {
                findings.add(Finding.span(rule(InjectionHeuristics.BASE64), TYPE, false, run.start(), run.end(),
                        action, "the text holds base64 that decodes to a prompt injection"));
            }
        }
    }

    private boolean anyPhrase(String decoded) {
        PhraseScanner.Result result = SCANNER.scan(decoded, budget.forLength(decoded.length()));
        return !result.hits().isEmpty() || !result.exhausted().isEmpty();
    }

    private static String rule(String id) {
        return "injection:" + id;
    }
}
