package dev.sluice.kernel.http.anthropic;

/** OpenAI's {@code finish_reason} as Anthropic's {@code stop_reason}. */
final class StopReasons {
    private StopReasons() {
    }

    static String of(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
