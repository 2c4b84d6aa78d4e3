package dev.sluice.kernel.guardrail;

import dev.sluice.spi.guardrail.Finding;
import java.util.Optional;

/**
 * What one check decided about one text: the text as it goes on (redacted where it said so), and
 * the finding that blocks or asks for a retry, if one does.
 *
 * @param text the text after redaction
 * @param decisive the BLOCK or RETRY finding, when there is one
 */
record Verdict(String text, Optional<Finding> decisive) {

    boolean blocks() {
        return decisive.filter(f -> f.action() == Finding.Action.BLOCK).isPresent();
    }

    boolean retries() {
        return decisive.filter(f -> f.action() == Finding.Action.RETRY).isPresent();
    }
}
