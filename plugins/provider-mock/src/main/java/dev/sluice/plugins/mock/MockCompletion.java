package dev.sluice.plugins.mock;

import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One mock answer in OpenAI's two shapes: a complete {@code chat.completion}, or the exact chunk
 * sequence OpenAI streams (role chunk, content or tool-call deltas, finish chunk, and the
 * usage-only chunk when asked for).
 *
 * @param id the completion id, {@code chatcmpl-mock-<n>}
 * @param toolCallId the id of the tool call, if the reply is one
 * @param created seconds since the epoch
 * @param model the model named by the request
 * @param reply what is answered
 * @param usage the estimated token usage
 */
record MockCompletion(String id, String toolCallId, long created, String model, MockReply reply, Usage usage) {
    /** Tool-call arguments stream in pieces of this many characters, roughly a token or two. */
    private static final int ARGUMENT_FRAGMENT = 8;

    /** The complete answer. */
    ChatResponse response() {
        Message message = reply.toolCall()
                .map(call -> new Message("assistant", null, null,
                        List.of(ToolCall.function(toolCallId, call.name(), call.arguments())), null, null, Map.of()))
                .orElseGet(() -> Message.of("assistant", reply.text()));
        Choice choice = new Choice(0, message, finishReason(), null, Map.of());
        return new ChatResponse(id, ChatResponse.OBJECT, created, model, List.of(choice), usage, null, Map.of());
    }

    /**
     * The streamed answer, paced: {@code latency} before the first chunk, {@code chunkDelay}
     * before each word or argument fragment.
     */
    List<PacedChunk> chunks(boolean includeUsage, Duration latency, Duration chunkDelay) {
        List<PacedChunk> chunks = new ArrayList<>();
        if (reply.toolCall().isPresent()) {
            FunctionCall call = reply.toolCall().get();
            ToolCall head = new ToolCall(0, toolCallId, "function", new FunctionCall(call.name(), ""), Map.of());
            chunks.add(new PacedChunk(latency, delta(new Message("assistant", null, null, List.of(head), null, null,
                    Map.of()), null)));
            for (String fragment : TextPieces.fragments(call.arguments(), ARGUMENT_FRAGMENT)) {
                ToolCall piece = new ToolCall(0, null, null, new FunctionCall(null, fragment), Map.of());
                chunks.add(new PacedChunk(chunkDelay, delta(new Message(null, null, null, List.of(piece), null, null,
                        Map.of()), null)));
            }
        } else {
            chunks.add(new PacedChunk(latency, delta(Message.of("assistant", ""), null)));
            for (String word : TextPieces.words(reply.text())) {
                chunks.add(new PacedChunk(chunkDelay, delta(new Message(null, Content.text(word), null, null, null,
                        null, Map.of()), null)));
            }
        }
        chunks.add(new PacedChunk(Duration.ZERO, delta(new Message(null, null, null, null, null, null, Map.of()),
                finishReason())));
        if (includeUsage) {
            chunks.add(new PacedChunk(Duration.ZERO,
                    new ChatChunk(id, ChatChunk.OBJECT, created, model, List.of(), usage, null, Map.of())));
        }
        return chunks;
    }

    private String finishReason() {
        return reply.toolCall().isPresent() ? "tool_calls" : "stop";
    }

    private ChatChunk delta(Message delta, String finishReason) {
        ChunkChoice choice = new ChunkChoice(0, delta, finishReason, null, Map.of());
        return new ChatChunk(id, ChatChunk.OBJECT, created, model, List.of(choice), null, null, Map.of());
    }
}
