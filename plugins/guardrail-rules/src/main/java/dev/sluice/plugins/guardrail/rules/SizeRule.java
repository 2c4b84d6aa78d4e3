package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.cost.TokenCount;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.Inspection;
import java.util.List;

/**
 * A cap on the estimated tokens of each prompt message ({@link TokenCount}: four characters a
 * token). Answers are not measured: the request's own {@code max_tokens} caps those.
 */
final class SizeRule implements TextRule {
    static final String RULE = "max_prompt_tokens";

    private final long limit;
    private final Action action;

    SizeRule(long limit, Action action) {
        this.limit = limit;
        this.action = action;
    }

    @Override
    public void inspect(Inspection inspection, List<Finding> findings) {
        if (inspection.stage() != Inspection.Stage.INPUT) {
            return;
        }
        long tokens = TokenCount.ofChars(inspection.text().length());
        if (tokens > limit) {
            findings.add(Finding.whole(RULE, "SIZE", action, "the message is about " + tokens
                    + " tokens, over the limit of " + limit));
        }
    }
}
