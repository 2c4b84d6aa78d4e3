package dev.sluice.plugins.mock;

import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the mock answers a chat request: the last user message's text, or a tool call when the
 * request offers tools and that message reads {@code /tool NAME {json}}.
 *
 * @param text the answer text; empty for a tool call
 * @param toolCall the function to call, if the answer is a tool call
 */
record MockReply(String text, Optional<FunctionCall> toolCall) {
    static final String NO_USER_MESSAGE = "(no user message)";

    private static final Pattern TOOL = Pattern.compile("/tool\\s+(\\S+)(.*)", Pattern.DOTALL);

    /**
     * The reply to a request.
     *
     * @throws dev.sluice.spi.UpstreamException when the last user message is an {@link ErrorTrigger}
     */
    static MockReply to(ChatRequest request, String provider) {
        Optional<String> lastUser = lastUserText(request.messagesOrEmpty());
        if (lastUser.isEmpty()) {
            return new MockReply(NO_USER_MESSAGE, Optional.empty());
        }
        String text = lastUser.get();
        ErrorTrigger.in(text, provider).ifPresent(failure -> {
            throw failure;
        });
        Matcher tool = TOOL.matcher(text);
        if (request.tools() != null && !request.tools().isEmpty() && tool.matches()) {
            String arguments = tool.group(2).strip();
            FunctionCall call = new FunctionCall(tool.group(1), arguments.isEmpty() ? "{}" : arguments);
            return new MockReply("", Optional.of(call));
        }
        return new MockReply(text, Optional.empty());
    }

    /** The "tokens" this reply generates: its words, or the called function's name and arguments. */
    int completionTokens() {
        return toolCall.map(call -> 1 + TextPieces.wordCount(call.arguments()))
                .orElseGet(() -> TextPieces.wordCount(text));
    }

    private static Optional<String> lastUserText(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return Optional.of(messages.get(i).text());
            }
        }
        return Optional.empty();
    }
}
