package dev.sluice.kernel.stream;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cached answer played back as a stream, the way an upstream streams it: a first chunk with the
 * role, the text in small pieces, each tool call (name first, then its arguments), a last chunk
 * with the finish reason, then a usage-only chunk. The inbound API writes it in its own format
 * (OpenAI chunks and {@code [DONE]}, or Anthropic events).
 */
public final class ReplayedStream implements ChunkStream {
    private static final int PIECE = 24;

    private final Deque<ChatChunk> chunks = new ArrayDeque<>();

    /** A stream of {@code answer}. */
    public ReplayedStream(ChatResponse answer) {
        for (Choice choice : answer.choices()) {
            int i = choice.index();
            Message m = choice.message();
            chunks.add(chunk(answer, i, new Message("assistant", Content.text(""), null, null, null, null, Map.of()),
                    null));
            String text = m == null ? "" : m.text();
            for (int at = 0; at < text.length(); ) {
                int end = Math.min(text.length(), at + PIECE);
                // Keep surrogate pairs whole.
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end++;
                }
                chunks.add(chunk(answer, i, delta(Content.text(text.substring(at, end)), null), null));
                at = end;
            }
            if (m != null && m.toolCalls() != null) {
                int n = 0;
                for (ToolCall call : m.toolCalls()) {
                    String name = call.function() == null ? null : call.function().name();
                    String args = call.function() == null || call.function().arguments() == null ? ""
                            : call.function().arguments();
                    chunks.add(chunk(answer, i, delta(null, List.of(new ToolCall(n, call.id(), call.type(),
                            new FunctionCall(name, ""), Map.of()))), null));
                    if (!args.isEmpty()) {
                        chunks.add(chunk(answer, i, delta(null, List.of(new ToolCall(n, null, null,
                                new FunctionCall(null, args), Map.of()))), null));
                    }
                    n++;
                }
            }
            chunks.add(chunk(answer, i, new Message(null, null, null, null, null, null, Map.of()),
                    choice.finishReason() == null ? "stop" : choice.finishReason()));
        }
        if (answer.usage() != null) {
            chunks.add(new ChatChunk(answer.id(), ChatChunk.OBJECT, answer.created(), answer.model(), List.of(),
                    answer.usage(), answer.systemFingerprint(), Map.of()));
        }
    }

    private static Message delta(Content content, List<ToolCall> calls) {
        return new Message(null, content, null, calls, null, null, Map.of());
    }

    private static ChatChunk chunk(ChatResponse answer, int index, Message delta, String finish) {
        return new ChatChunk(answer.id(), ChatChunk.OBJECT, answer.created(), answer.model(),
                new ArrayList<>(List.of(new ChunkChoice(index, delta, finish, null, Map.of()))), null,
                answer.systemFingerprint(), Map.of());
    }

    @Override
    public Optional<ChatChunk> next() {
        return Optional.ofNullable(chunks.poll());
    }

    @Override
    public void close() {
        chunks.clear();
    }
}
