package dev.sluice.kernel.http.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns canonical stream chunks, as they arrive, into Anthropic's event sequence:
 * {@code message_start}, then per content block {@code content_block_start},
 * {@code content_block_delta} ({@code text_delta} or {@code input_json_delta}) and
 * {@code content_block_stop}, and at the end {@code message_delta} (stop reason and usage) and
 * {@code message_stop}. Text opens a text block; each tool call opens a {@code tool_use} block.
 * Not thread-safe: one instance per stream.
 */
final class AnthropicEvents {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String fallbackId;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private boolean started;
    private int openBlock = -1;
    private boolean openIsText;
    private int nextBlock;
    private String finishReason;
    private Usage usage;

    AnthropicEvents(String fallbackId) {
        this.fallbackId = fallbackId;
    }

    /** The events for one chunk, as bytes ready to write (possibly none). */
    byte[] onChunk(ChatChunk chunk) {
        start(chunk);
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChunkChoice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue; // Anthropic answers have one message; only the first choice is relayed
            }
            Message delta = choice.delta();
            if (delta != null) {
                String text = delta.content() == null ? null : delta.content().text();
                if (text != null && !text.isEmpty()) {
                    text(text);
                }
                if (delta.toolCalls() != null) {
                    for (ToolCall call : delta.toolCalls()) {
                        toolCall(call);
                    }
                }
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
        return drain();
    }

    /** The closing events of a stream that ended normally. */
    byte[] onEnd() {
        start(null);
        closeBlock();
        ObjectNode delta = JSON.objectNode();
        delta.put("type", "message_delta");
        ObjectNode stop = delta.putObject("delta");
        stop.put("stop_reason", StopReasons.of(finishReason));
        stop.putNull("stop_sequence");
        delta.set("usage", AnthropicUsage.of(usage));
        event("message_delta", delta);
        event("message_stop", JSON.objectNode().put("type", "message_stop"));
        return drain();
    }

    /** An {@code error} event, for a failure after the stream started. */
    static byte[] error(JsonNode body) {
        return frame("error", body);
    }

    private void start(ChatChunk first) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = JSON.objectNode();
        message.put("id", MessageIds.of(first == null ? null : first.id(), fallbackId));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", first == null ? "" : first.model());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        // The canonical stream reports usage at its end; message_delta carries the real counts.
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        ObjectNode event = JSON.objectNode().put("type", "message_start");
        event.set("message", message);
        event("message_start", event);
    }

    private void text(String text) {
        if (openBlock < 0 || !openIsText) {
            closeBlock();
            openBlock = nextBlock++;
            openIsText = true;
            ObjectNode block = JSON.objectNode().put("type", "text").put("text", "");
            event("content_block_start", blockStart(block));
        }
        ObjectNode delta = JSON.objectNode().put("type", "text_delta").put("text", text);
        event("content_block_delta", blockDelta(delta));
    }

    private void toolCall(ToolCall call) {
        int index = call.index() == null ? 0 : call.index();
        Integer block = blockOfToolCall.get(index);
        if (block == null) {
            closeBlock();
            block = nextBlock++;
            blockOfToolCall.put(index, block);
            openBlock = block;
            openIsText = false;
            ObjectNode start = JSON.objectNode().put("type", "tool_use");
            start.put("id", call.id() == null ? "toolu_" + fallbackId + "_" + index : call.id());
            start.put("name", call.function() == null || call.function().name() == null ? ""
                    : call.function().name());
            start.putObject("input");
            event("content_block_start", blockStart(start));
        } else if (block != openBlock) {
            // Arguments of an earlier call after another block started: Anthropic's blocks do
            // not interleave, so they cannot be relayed in place.
            return;
        }
        String arguments = call.function() == null ? null : call.function().arguments();
        if (arguments != null && !arguments.isEmpty()) {
            ObjectNode delta = JSON.objectNode().put("type", "input_json_delta").put("partial_json", arguments);
            event("content_block_delta", blockDelta(delta));
        }
    }

    private void closeBlock() {
        if (openBlock >= 0) {
            event("content_block_stop", JSON.objectNode().put("type", "content_block_stop").put("index", openBlock));
            openBlock = -1;
        }
    }

    private ObjectNode blockStart(ObjectNode block) {
        ObjectNode event = JSON.objectNode().put("type", "content_block_start").put("index", openBlock);
        event.set("content_block", block);
        return event;
    }

    private ObjectNode blockDelta(ObjectNode delta) {
        ObjectNode event = JSON.objectNode().put("type", "content_block_delta").put("index", openBlock);
        event.set("delta", delta);
        return event;
    }

    private void event(String name, ObjectNode data) {
        pending.writeBytes(frame(name, data));
    }

    private byte[] drain() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        return bytes;
    }

    private static byte[] frame(String name, JsonNode data) {
        byte[] json = Json.bytes(data);
        byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(json, 0, frame, head.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }
}
