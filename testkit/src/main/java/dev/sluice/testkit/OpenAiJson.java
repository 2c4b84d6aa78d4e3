package dev.sluice.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * Builds OpenAI's wire objects as plain Jackson trees. Deliberately independent of Sluice's
 * own model classes: if the gateway and the fake shared a model, a bug in it would be
 * invisible to every end-to-end test. Field order follows what api.openai.com sends, since
 * insertion-ordered {@link ObjectNode}s serialize in that order.
 */
final class OpenAiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Non-streaming bodies are pretty-printed by OpenAI; streamed chunks are compact. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Random RANDOM = new SecureRandom();

    private OpenAiJson() {
    }

    /** {@code chatcmpl-} followed by 29 random letters and digits, like OpenAI's ids. */
    static String completionId() {
        return "chatcmpl-" + randomAlphanumeric(29);
    }

    /** {@code call_} followed by 24 random letters and digits. */
    static String toolCallId() {
        return "call_" + randomAlphanumeric(24);
    }

    /** {@code req_} followed by 32 hex digits, the format of OpenAI's {@code x-request-id}. */
    static String requestId() {
        return "req_" + randomHex(16);
    }

    /** {@code fp_} followed by 10 hex digits. */
    static String systemFingerprint() {
        return "fp_" + randomHex(5);
    }

    static ObjectNode usage(int prompt, int completion) {
        ObjectNode usage = MAPPER.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details")
                .put("cached_tokens", 0)
                .put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** A complete {@code chat.completion}; {@code message} comes from {@link #textMessage} or {@link #toolCallMessage}. */
    static ObjectNode chatCompletion(CompletionIds ids, ObjectNode message, String finishReason, ObjectNode usage) {
        ObjectNode root = header(ids, "chat.completion", false);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage);
        root.put("service_tier", "default");
        root.put("system_fingerprint", ids.systemFingerprint());
        return root;
    }

    static ObjectNode textMessage(String content) {
        ObjectNode message = MAPPER.createObjectNode().put("role", "assistant").put("content", content);
        message.putNull("refusal");
        message.putArray("annotations");
        return message;
    }

    static ObjectNode toolCallMessage(String callId, ResponsePlan.ToolCall call) {
        ObjectNode message = MAPPER.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ObjectNode toolCall = message.putArray("tool_calls").addObject()
                .put("id", callId)
                .put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        message.putNull("refusal");
        message.putArray("annotations");
        return message;
    }

    /**
     * One {@code chat.completion.chunk} with a single choice. When the client asked for
     * {@code stream_options.include_usage}, OpenAI adds {@code "usage": null} to every chunk
     * but the last, so {@code withNullUsage} must be set exactly then.
     */
    static ObjectNode chunk(CompletionIds ids, ObjectNode delta, String finishReason, boolean withNullUsage) {
        ObjectNode root = header(ids, "chat.completion.chunk", true);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (withNullUsage) {
            root.putNull("usage");
        }
        return root;
    }

    /** The final usage-only chunk: {@code choices} is always an empty array. */
    static ObjectNode usageChunk(CompletionIds ids, ObjectNode usage) {
        ObjectNode root = header(ids, "chat.completion.chunk", true);
        root.putArray("choices");
        root.set("usage", usage);
        return root;
    }

    /** First delta of a text answer: role, an empty content string and a null refusal. */
    static ObjectNode roleDelta() {
        ObjectNode delta = MAPPER.createObjectNode().put("role", "assistant").put("content", "");
        delta.putNull("refusal");
        return delta;
    }

    static ObjectNode contentDelta(String content) {
        return MAPPER.createObjectNode().put("content", content);
    }

    /** First delta of a tool-call answer: role, null content, the call's id, type and name. */
    static ObjectNode toolCallStartDelta(String callId, String name) {
        ObjectNode delta = MAPPER.createObjectNode().put("role", "assistant");
        delta.putNull("content");
        ArrayNode calls = delta.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("index", 0).put("id", callId).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        delta.putNull("refusal");
        return delta;
    }

    /** Later deltas of a tool call carry only the index and an argument fragment. */
    static ObjectNode toolCallArgumentsDelta(String fragment) {
        ObjectNode delta = MAPPER.createObjectNode();
        delta.putArray("tool_calls").addObject().put("index", 0)
                .putObject("function").put("arguments", fragment);
        return delta;
    }

    /** An SSE event as OpenAI frames it: one {@code data:} line and a blank line. */
    static byte[] sseEvent(JsonNode json) {
        return ("data: " + compact(json) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static String compact(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] pretty(JsonNode json) {
        try {
            return PRETTY.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode header(CompletionIds ids, String object, boolean streamed) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("id", ids.id())
                .put("object", object)
                .put("created", ids.created())
                .put("model", ids.model());
        if (streamed) {
            // In chunks OpenAI puts these two before "choices"; in completions after "usage".
            root.put("service_tier", "default");
            root.put("system_fingerprint", ids.systemFingerprint());
        }
        return root;
    }

    private static String randomAlphanumeric(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    private static String randomHex(int bytes) {
        byte[] buf = new byte[bytes];
        RANDOM.nextBytes(buf);
        return HexFormat.of().formatHex(buf);
    }

    /** What every chunk of one completion shares: OpenAI repeats id, created and model in each. */
    record CompletionIds(String id, long created, String model, String systemFingerprint) {
    }
}
