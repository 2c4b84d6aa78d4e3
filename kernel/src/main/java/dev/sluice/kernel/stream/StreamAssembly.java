package dev.sluice.kernel.stream;

import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts a streamed answer back together, chunk by chunk, into the complete answer the same
 * request would have had without {@code stream}: text joined, tool-call arguments joined, the
 * finish reason and the usage. Not thread-safe: one stream, one reader.
 */
public final class StreamAssembly {
    private String id;
    private String model;
    private long created;
    private String fingerprint;
    private Usage usage;
    private final Map<Integer, ChoiceParts> choices = new TreeMap<>();

    private static final class ChoiceParts {
        final StringBuilder text = new StringBuilder();
        final StringBuilder refusal = new StringBuilder();
        final Map<Integer, CallParts> calls = new TreeMap<>();
        boolean sawText;
        String finishReason;
    }

    private static final class CallParts {
        String id;
        String type = "function";
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /** Adds the next chunk. */
    public void add(ChatChunk chunk) {
        if (id == null && chunk.id() != null) {
            id = chunk.id();
        }
        if (chunk.model() != null) {
            model = chunk.model();
        }
        if (created == 0) {
            created = chunk.created();
        }
        if (chunk.systemFingerprint() != null) {
            fingerprint = chunk.systemFingerprint();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChunkChoice c : chunk.choices()) {
            ChoiceParts parts = choices.computeIfAbsent(c.index(), i -> new ChoiceParts());
            Message delta = c.delta();
            if (delta != null) {
                if (delta.content() != null) {
                    parts.text.append(delta.text());
                    parts.sawText |= !delta.text().isEmpty();
                }
                if (delta.refusal() != null) {
                    parts.refusal.append(delta.refusal());
                }
                if (delta.toolCalls() != null) {
                    for (ToolCall call : delta.toolCalls()) {
                        int index = call.index() == null ? parts.calls.size() : call.index();
                        CallParts cp = parts.calls.computeIfAbsent(index, i -> new CallParts());
                        if (call.id() != null) {
                            cp.id = call.id();
                        }
                        if (call.type() != null) {
                            cp.type = call.type();
                        }
                        if (call.function() != null) {
                            if (call.function().name() != null) {
                                cp.name = call.function().name();
                            }
                            if (call.function().arguments() != null) {
                                cp.arguments.append(call.function().arguments());
                            }
                        }
                    }
                }
            }
            if (c.finishReason() != null) {
                parts.finishReason = c.finishReason();
            }
        }
    }

    /** The complete answer. */
    public ChatResponse response() {
        List<Choice> out = new ArrayList<>();
        for (Map.Entry<Integer, ChoiceParts> e : choices.entrySet()) {
            ChoiceParts p = e.getValue();
            List<ToolCall> calls = p.calls.isEmpty() ? null : p.calls.values().stream()
                    .map(c -> new ToolCall(null, c.id, c.type, new FunctionCall(c.name, c.arguments.toString()),
                            Map.of()))
                    .toList();
            Content content = p.sawText || calls == null ? Content.text(p.text.toString()) : null;
            Message message = new Message("assistant", content, null, calls, null,
                    p.refusal.isEmpty() ? null : p.refusal.toString(), Map.of());
            out.add(new Choice(e.getKey(), message, p.finishReason, null, Map.of()));
        }
        return new ChatResponse(id, "chat.completion", created, model, out, usage, fingerprint, Map.of());
    }
}
