package dev.sluice.spi.guardrail;

import dev.sluice.spi.model.ChatRequest;
import java.util.Objects;

/**
 * One text to inspect, and where it comes from.
 *
 * @param stage the prompt or the answer
 * @param text the text: one message's content, or the whole answer (or, for streams checked
 *     incrementally, the window of the answer received so far)
 * @param role the message's role ({@code user}, {@code system}, {@code assistant}, {@code tool})
 * @param complete whether the text is final: false for a window of a stream still arriving, where
 *     a check of the whole (a JSON document's validity) must not judge yet
 * @param request the request (for its {@code response_format}, its model, …)
 */
public record Inspection(Stage stage, String text, String role, boolean complete, ChatRequest request) {

    /** The side of the exchange being checked. */
    public enum Stage {
        /** The prompt, before it goes upstream. */
        INPUT,
        /** The answer, before the client sees it. */
        OUTPUT
    }

    public Inspection {
        Objects.requireNonNull(stage);
        Objects.requireNonNull(text);
        Objects.requireNonNull(role);
        Objects.requireNonNull(request);
    }
}
