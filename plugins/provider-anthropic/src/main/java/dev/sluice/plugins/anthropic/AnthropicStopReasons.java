package dev.sluice.plugins.anthropic;

/**
 * Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}:
 * <ul>
 *   <li>{@code end_turn}, {@code stop_sequence} → {@code stop};</li>
 *   <li>{@code pause_turn} (a server tool paused a long turn; sending the answer back continues it)
 *       → {@code stop}, the nearest OpenAI has;</li>
 *   <li>{@code max_tokens}, {@code model_context_window_exceeded} → {@code length};</li>
 *   <li>{@code tool_use} → {@code tool_calls};</li>
 *   <li>{@code refusal} → {@code content_filter};</li>
 *   <li>anything else, or none, → {@code stop}.</li>
 * </ul>
 */
final class AnthropicStopReasons {

    private AnthropicStopReasons() {
    }

    /** The finish reason for a stop reason, which may be {@code null}. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
