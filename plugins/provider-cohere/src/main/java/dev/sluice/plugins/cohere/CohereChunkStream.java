package dev.sluice.plugins.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import dev.sluice.spi.provider.SseChunkStream;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cohere v2 chat stream translated into OpenAI chunks as its events arrive. Each event's
 * {@code data} is JSON with a {@code type} (the same name as its {@code event:} line):
 * {@code message-start} gives the id and the role chunk; {@code content-delta} text becomes
 * {@code content} and thinking becomes {@code reasoning_content}; {@code tool-call-start} and
 * {@code tool-call-delta} become OpenAI tool-call deltas, numbered in order of arrival;
 * {@code tool-plan-delta} and {@code citation-start} pass their pieces on as the delta's
 * {@code tool_plan} and {@code citations}; {@code message-end} ends the stream with the finish
 * chunk and the usage chunk, or, when it reports an error, with an {@code UpstreamException}.
 */
final class CohereChunkStream extends SseChunkStream {
    private static final String DONE = "[DONE]";

    private final String model;
    private final long created;
    private String id;
    private boolean started;
    private boolean callsTools;
    /** Cohere's tool-call index → OpenAI's, which counts the calls of this answer from 0. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private int lastToolIndex = -1;

    CohereChunkStream(UpstreamResponse response, UpstreamErrors errors, String model, long created,
            String fallbackId) {
        super(response, errors);
        this.model = model;
        this.created = created;
        this.id = fallbackId;
    }

    @Override
    protected boolean onEvent(SseEvent event, Emitter out) {
        if (event.data().isBlank()) {
            return true;
        }
        if (event.data().strip().equals(DONE)) {
            // Cohere's streams end with message-end; a terminator before it means the answer broke off.
            throw errors().brokeMidStream(status(), new IOException("the stream ended before message-end"));
        }
        JsonNode data = json(event);
        String type = data.path("type").asText(event.event());
        if (event.event().equals("error") || type.equals("error")) {
            throw errors().failedMidStream(status(), data);
        }
        JsonNode message = data.path("delta").path("message");
        switch (type) {
            case "message-start" -> {
                if (data.path("id").isTextual()) {
                    id = data.path("id").asText();
                }
                start(out);
            }
            case "content-start", "content-delta" -> content(message.path("content"), out);
            case "tool-plan-delta" -> piece("tool_plan", message.path("tool_plan"), out);
            case "tool-call-start" -> toolCallStart(data, message.path("tool_calls"), out);
            case "tool-call-delta" -> toolCallDelta(data, message.path("tool_calls"), out);
            case "citation-start" -> {
                if (message.path("citations").isObject()) {
                    start(out);
                    out.emit(chunk(delta(null, null, Map.of("citations",
                            JsonNodeFactory.instance.arrayNode().add(message.path("citations"))))));
                }
            }
            case "message-end" -> {
                end(data.path("delta"), out);
                return false;
            }
            default -> {
                // content-end, tool-call-end, citation-end and debug add nothing to an OpenAI stream.
            }
        }
        return true;
    }

    private void start(Emitter out) {
        if (!started) {
            started = true;
            out.emit(chunk(new Message("assistant", Content.text(""), null, null, null, null, Map.of())));
        }
    }

    private void content(JsonNode content, Emitter out) {
        String text = content.path("text").asText("");
        if (!text.isEmpty()) {
            start(out);
            out.emit(chunk(delta(Content.text(text), null, Map.of())));
        }
        piece("reasoning_content", content.path("thinking"), out);
    }

    private void piece(String field, JsonNode value, Emitter out) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            start(out);
            out.emit(chunk(delta(null, null, Map.of(field, TextNode.valueOf(value.asText())))));
        }
    }

    private void toolCallStart(JsonNode data, JsonNode call, Emitter out) {
        start(out);
        callsTools = true;
        int index = toolIndexes.size();
        toolIndexes.put(data.path("index").asInt(index), index);
        lastToolIndex = index;
        JsonNode function = call.path("function");
        ToolCall first = new ToolCall(index, call.path("id").asText(null), "function",
                new FunctionCall(function.path("name").asText(null), function.path("arguments").asText("")), Map.of());
        out.emit(chunk(delta(null, List.of(first), Map.of())));
    }

    private void toolCallDelta(JsonNode data, JsonNode call, Emitter out) {
        String arguments = call.path("function").path("arguments").asText("");
        if (arguments.isEmpty() || lastToolIndex < 0) {
            return;
        }
        int index = data.path("index").isInt()
                ? toolIndexes.getOrDefault(data.path("index").asInt(), lastToolIndex) : lastToolIndex;
        ToolCall piece = new ToolCall(index, null, null, new FunctionCall(null, arguments), Map.of());
        out.emit(chunk(delta(null, List.of(piece), Map.of())));
    }

    private void end(JsonNode delta, Emitter out) {
        String reason = delta.path("finish_reason").asText(null);
        JsonNode error = delta.path("error");
        if (CohereAnswers.ERROR.equals(reason) || (error.isTextual() && !error.asText().isBlank())) {
            throw errors().failedMidStream(status(), error);
        }
        start(out);
        Message empty = new Message(null, null, null, null, null, null, Map.of());
        out.emit(new ChatChunk(id, ChatChunk.OBJECT, created, model,
                List.of(new ChunkChoice(0, empty, CohereAnswers.finishReason(reason, callsTools), null, Map.of())),
                null, null, Map.of()));
        Optional<Usage> usage = CohereAnswers.usage(delta.path("usage"));
        usage.ifPresent(u -> out.emit(new ChatChunk(id, ChatChunk.OBJECT, created, model, List.of(), u, null,
                Map.of())));
    }

    private static Message delta(Content content, List<ToolCall> calls, Map<String, JsonNode> extra) {
        return new Message(null, content, null, calls, null, null, extra);
    }

    private ChatChunk chunk(Message delta) {
        return new ChatChunk(id, ChatChunk.OBJECT, created, model,
                List.of(new ChunkChoice(0, delta, null, null, Map.of())), null, null, Map.of());
    }
}
