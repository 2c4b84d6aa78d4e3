package dev.sluice.plugins.gemini;

import java.util.Set;

/**
 * Gemini's {@code finishReason} as one of OpenAI's four:
 * <ul>
 *   <li>{@code STOP} → {@code stop}, or {@code tool_calls} when the candidate called functions;</li>
 *   <li>{@code MAX_TOKENS} → {@code length};</li>
 *   <li>{@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST}, {@code PROHIBITED_CONTENT},
 *       {@code SPII} and the {@code IMAGE_*} filters → {@code content_filter};</li>
 *   <li>everything else ({@code OTHER}, {@code LANGUAGE}, {@code MALFORMED_FUNCTION_CALL},
 *       {@code UNEXPECTED_TOOL_CALL}, {@code TOO_MANY_TOOL_CALLS}, reasons added later) →
 *       {@code stop}, or {@code tool_calls} when calls came through: the model stopped, and no
 *       other OpenAI reason says more.</li>
 * </ul>
 */
final class GeminiFinishReasons {
    /** What a blocked prompt ({@code promptFeedback.blockReason}) finishes with. */
    static final String CONTENT_FILTER = "content_filter";

    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private GeminiFinishReasons() {
    }

    /**
     * The OpenAI finish reason.
     *
     * @param reason Gemini's finish reason
     * @param calledFunctions whether the candidate made function calls
     */
    static String of(String reason, boolean calledFunctions) {
        if ("MAX_TOKENS".equals(reason)) {
            return "length";
        }
        if (FILTERED.contains(reason)) {
            return CONTENT_FILTER;
        }
        return calledFunctions ? "tool_calls" : "stop";
    }
}
