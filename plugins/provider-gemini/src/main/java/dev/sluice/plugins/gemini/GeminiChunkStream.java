package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import dev.sluice.spi.provider.SseChunkStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini's {@code streamGenerateContent?alt=sse} as OpenAI chunks, translated event by event as
 * they arrive. Every event is a whole {@code GenerateContentResponse} carrying the next piece of
 * each candidate:
 * <ul>
 *   <li>a candidate's first event starts its choice with {@code {"role": "assistant", "content": ""}};</li>
 *   <li>text parts become {@code content} deltas (thought summaries are left out);</li>
 *   <li>Gemini sends each function call whole, so each becomes one tool call delta with its
 *       index, id, name and complete arguments;</li>
 *   <li>the event with a {@code finishReason} adds the choice's finish chunk;</li>
 *   <li>the usage of the last event that has one becomes the usage-only chunk at the end.</li>
 * </ul>
 * The stream ends when the body does. A body that ends before every started candidate finished
 * broke off, and an {@code error} event is a failure with the event's own status.
 */
final class GeminiChunkStream extends SseChunkStream {
    private final GeminiErrors geminiErrors;
    private final String requestModel;
    private final long created;
    private final Ids ids;
    private final Map<Integer, Candidate> candidates = new HashMap<>();
    private String id;
    private String model;
    private Usage usage;

    /** What the stream has said of one candidate so far. */
    private static final class Candidate {
        int calls;
        boolean finished;
    }

    GeminiChunkStream(UpstreamResponse response, GeminiErrors errors, String requestModel, long created, Ids ids) {
        super(response, errors.upstream());
        this.geminiErrors = errors;
        this.requestModel = requestModel;
        this.created = created;
        this.ids = ids;
    }

    @Override
    protected boolean onEvent(SseEvent event, Emitter out) {
        if (event.data().isBlank()) {
            return true;
        }
        JsonNode data = json(event);
        JsonNode error = data.get("error");
        if (error != null && !error.isNull()) {
            throw geminiErrors.midStream(status(), error);
        }
        if (id == null) {
            id = GeminiAnswers.id(data, ids);
            model = GeminiAnswers.model(data, requestModel);
        }
        JsonNode events = data.path("candidates");
        for (int i = 0; i < events.size(); i++) {
            candidate(events.get(i), i, out);
        }
        if (events.isEmpty() && data.path("promptFeedback").hasNonNull("blockReason") && candidates.isEmpty()) {
            // The prompt was blocked: an empty answer that finishes as filtered.
            start(0, out).finished = true;
            out.emit(finish(0, GeminiFinishReasons.CONTENT_FILTER));
        }
        Usage latest = GeminiUsage.of(data.get("usageMetadata"));
        if (latest != null) {
            usage = latest;
        }
        return true;
    }

    @Override
    protected void onEndOfBody(Emitter out) {
        if (id == null) {
            throw errors().brokeMidStream(status(), new IOException("the event stream ended before any event"));
        }
        if (candidates.values().stream().anyMatch(candidate -> !candidate.finished)) {
            throw errors().brokeMidStream(status(), new IOException("the event stream ended before its finishReason"));
        }
        if (usage != null) {
            out.emit(chunk(List.of(), usage));
        }
    }

    private void candidate(JsonNode event, int position, Emitter out) {
        int index = event.path("index").asInt(position);
        Candidate state = candidates.containsKey(index) ? candidates.get(index) : start(index, out);
        if (state.finished) {
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        // Parts keep their order: text before a call is sent before the call, and after it after.
        for (JsonNode part : event.path("content").path("parts")) {
            if (GeminiParts.isText(part)) {
                emitCalls(index, state, calls, out);
                text.append(part.path("text").asText());
            } else if (GeminiParts.isFunctionCall(part)) {
                emitText(index, text, out);
                calls.add(part);
            }
        }
        emitText(index, text, out);
        emitCalls(index, state, calls, out);
        String reason = event.path("finishReason").asText("");
        if (!reason.isEmpty()) {
            state.finished = true;
            out.emit(finish(index, GeminiFinishReasons.of(reason, state.calls > 0)));
        }
    }

    private Candidate start(int index, Emitter out) {
        Candidate state = new Candidate();
        candidates.put(index, state);
        out.emit(delta(index, new Message("assistant", Content.text(""), null, null, null, null, Map.of())));
        return state;
    }

    private void emitText(int index, StringBuilder text, Emitter out) {
        if (!text.isEmpty()) {
            out.emit(delta(index, new Message(null, Content.text(text.toString()), null, null, null, null, Map.of())));
            text.setLength(0);
        }
    }

    private void emitCalls(int index, Candidate state, ArrayNode calls, Emitter out) {
        if (!calls.isEmpty()) {
            List<ToolCall> toolCalls = GeminiParts.toolCalls(calls, ids, state.calls);
            state.calls += toolCalls.size();
            out.emit(delta(index, new Message(null, null, null, toolCalls, null, null, Map.of())));
            calls.removeAll();
        }
    }

    private ChatChunk delta(int index, Message delta) {
        return chunk(List.of(new ChunkChoice(index, delta, null, null, Map.of())), null);
    }

    private ChatChunk finish(int index, String reason) {
        Message empty = new Message(null, null, null, null, null, null, Map.of());
        return chunk(List.of(new ChunkChoice(index, empty, reason, null, Map.of())), null);
    }

    private ChatChunk chunk(List<ChunkChoice> choices, Usage chunkUsage) {
        return new ChatChunk(id, ChatChunk.OBJECT, created, model, choices, chunkUsage, null, Map.of());
    }
}
