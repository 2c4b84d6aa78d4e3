package dev.sluice.kernel.cost;

import dev.sluice.spi.cost.TokenCount;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelRequest;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;

/**
 * Usage counted by the gateway when a provider reports none: four characters a token, rounded up,
 * of the request's text (the messages' text and tool-call arguments; embedding inputs, where a
 * token id counts one token) and of the answer's text (content, refusals, tool-call names and
 * arguments, reasoning text). A rough figure: it is marked as estimated wherever it shows.
 */
final class UsageEstimate {
    private static final String[] REASONING = {"reasoning_content", "reasoning"};

    private UsageEstimate() {
    }

    /** The usage of a request whose answer had {@code answerChars} characters of text. */
    static Usage of(ModelRequest request, long answerChars) {
        return Usage.of(clamp(promptTokens(request)), clamp(TokenCount.ofChars(answerChars)));
    }

    /** The characters of text in a complete answer. */
    static long chars(ChatResponse answer) {
        long chars = 0;
        for (Choice choice : answer.choices()) {
            chars += chars(choice.message());
        }
        return chars;
    }

    /** The characters of text a stream chunk adds. */
    static long chars(ChatChunk chunk) {
        long chars = 0;
        for (ChunkChoice choice : chunk.choices()) {
            chars += chars(choice.delta());
        }
        return chars;
    }

    private static long promptTokens(ModelRequest request) {
        return switch (request) {
            case ChatRequest chat -> {
                long chars = 0;
                for (Message message : chat.messagesOrEmpty()) {
                    chars += chars(message);
                }
                yield TokenCount.ofChars(chars);
            }
            case EmbeddingRequest embedding -> TokenCount.ofEmbeddingInput(embedding.input());
        };
    }

    private static long chars(Message message) {
        if (message == null) {
            return 0;
        }
        long chars = message.text().length() + length(message.refusal());
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                if (call.function() != null) {
                    chars += length(call.function().name()) + length(call.function().arguments());
                }
            }
        }
        for (String field : REASONING) {
            JsonNode reasoning = message.extra().get(field);
            if (reasoning != null && reasoning.isTextual()) {
                chars += reasoning.asText().length();
            }
        }
        return chars;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }


    private static int clamp(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }
}
