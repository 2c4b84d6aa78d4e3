package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.NativeEvents;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import dev.sluice.spi.provider.SseChunkStream;
import dev.sluice.spi.provider.UpstreamErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Anthropic event stream translated into OpenAI chunks as the events arrive:
 * <ul>
 *   <li>{@code message_start} → the first chunk, {@code {"role": "assistant", "content": ""}}; its
 *       id and model are every chunk's, its usage the input counts;</li>
 *   <li>{@code content_block_start} of a {@code tool_use} block → the call's first delta (index,
 *       id, name, empty arguments); the OpenAI index counts tool_use blocks only (0, 1, …);</li>
 *   <li>{@code text_delta} → {@code {"content": …}}, {@code input_json_delta} → an arguments
 *       fragment of its call, {@code thinking_delta} → {@code {"reasoning_content": …}};
 *       {@code signature_delta}, {@code citations_delta} and the deltas of server tool blocks have
 *       no OpenAI form;</li>
 *   <li>{@code message_delta} → remembers the stop reason and the (cumulative) usage;</li>
 *   <li>{@code message_stop} → the chunk with the {@code finish_reason}, then the usage-only chunk
 *       (when the stream reported any usage), and the end;</li>
 *   <li>{@code error} → an {@code UpstreamException} with the status of its type
 *       ({@link AnthropicErrorTypes}); {@code ping} and events unknown here are skipped.</li>
 * </ul>
 * A body that ends before {@code message_stop} is a broken stream. Made with
 * {@link #keepingEvents}, it also hands out the events themselves ({@link NativeEvents}) for a
 * client that speaks Anthropic.
 */
final class AnthropicChunkStream extends SseChunkStream implements NativeEvents {
    private final long created;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private String id;
    private String model;
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private String stopReason;
    private boolean usageKnown;

    /**
     * @param response the 2xx event-stream response
     * @param errors the provider's error translator
     * @param requestModel the model asked for, used until the stream names its own
     * @param created the creation time every chunk reports, seconds since the epoch
     */
    AnthropicChunkStream(UpstreamResponse response, UpstreamErrors errors, String requestModel, long created) {
        super(response, errors);
        this.model = requestModel;
        this.created = created;
    }

    /** A stream that also keeps the upstream's own events, for a client that speaks Anthropic. */
    static AnthropicChunkStream keepingEvents(UpstreamResponse response, UpstreamErrors errors, String requestModel,
            long created) {
        AnthropicChunkStream stream = new AnthropicChunkStream(response, errors, requestModel, created);
        stream.keepEvents();
        return stream;
    }

    @Override
    public InboundApi api() {
        return InboundApi.ANTHROPIC;
    }

    @Override
    public byte[] drainNative() {
        return drainEvents();
    }

    @Override
    protected boolean onEvent(SseEvent event, Emitter out) {
        if (event.data().isBlank()) {
            return true;
        }
        JsonNode data = json(event);
        String type = data.path("type").asText(event.event());
        switch (type) {
            case "message_start" -> start(data.path("message"), out);
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
            case "message_delta" -> {
                JsonNode reason = data.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stopReason = reason.asText();
                }
                updateUsage(data.get("usage"));
            }
            case "message_stop" -> {
                out.emit(chunk(List.of(new ChunkChoice(0, delta(null, null, null, Map.of()),
                        AnthropicStopReasons.finishReason(stopReason), null, Map.of())), null));
                if (usageKnown) {
                    out.emit(chunk(List.of(), usage.toOpenAi()));
                }
                return false;
            }
            case "error" -> throw AnthropicErrorTypes.failure(errors(), data.path("error"));
            default -> {
                // ping, content_block_stop, and event types added after this was written
            }
        }
        return true;
    }

    private void start(JsonNode message, Emitter out) {
        id = message.path("id").asText(null);
        model = AnthropicAnswers.modelOf(message, model);
        updateUsage(message.get("usage"));
        out.emit(content(Content.text(""), "assistant"));
    }

    private void updateUsage(JsonNode reported) {
        if (reported != null && reported.isObject()) {
            usage = usage.updatedBy(reported);
            usageKnown = true;
        }
    }

    private void blockStart(int index, JsonNode block, Emitter out) {
        switch (block.path("type").asText()) {
            case "tool_use" -> {
                int toolIndex = toolIndexByBlock.size();
                toolIndexByBlock.put(index, toolIndex);
                JsonNode input = block.path("input");
                // The input arrives as input_json_delta fragments; a start that already has it is sent whole.
                String arguments = input.isObject() && !input.isEmpty() ? Json.string(input) : "";
                ToolCall call = new ToolCall(toolIndex, block.path("id").asText(), "function",
                        new FunctionCall(block.path("name").asText(), arguments), Map.of());
                out.emit(toolCall(call));
            }
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    out.emit(content(Content.text(text), null));
                }
            }
            case "thinking" -> {
                String thinking = block.path("thinking").asText("");
                if (!thinking.isEmpty()) {
                    out.emit(reasoning(thinking));
                }
            }
            default -> {
                // redacted thinking and server tool blocks have no OpenAI form
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, Emitter out) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> out.emit(content(Content.text(delta.path("text").asText("")), null));
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(index);
                String fragment = delta.path("partial_json").asText("");
                if (toolIndex != null && !fragment.isEmpty()) {
                    out.emit(toolCall(new ToolCall(toolIndex, null, null, new FunctionCall(null, fragment), Map.of())));
                }
            }
            case "thinking_delta" -> out.emit(reasoning(delta.path("thinking").asText("")));
            default -> {
                // signature_delta, citations_delta: no OpenAI form
            }
        }
    }

    private ChatChunk content(Content content, String role) {
        return choiceChunk(delta(role, content, null, Map.of()));
    }

    private ChatChunk toolCall(ToolCall call) {
        return choiceChunk(delta(null, null, List.of(call), Map.of()));
    }

    private ChatChunk reasoning(String thinking) {
        return choiceChunk(delta(null, null, null, Map.of("reasoning_content", TextNode.valueOf(thinking))));
    }

    private ChatChunk choiceChunk(Message delta) {
        return chunk(List.of(new ChunkChoice(0, delta, null, null, Map.of())), null);
    }

    private ChatChunk chunk(List<ChunkChoice> choices, Usage chunkUsage) {
        return new ChatChunk(id, ChatChunk.OBJECT, created, model, choices, chunkUsage, null, Map.of());
    }

    private static Message delta(String role, Content content, List<ToolCall> calls, Map<String, JsonNode> extra) {
        return new Message(role, content, null, calls, null, null, extra);
    }
}
