package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A chat completion request in OpenAI's format, the gateway's lingua franca.
 *
 * <p>Wire records mirror the JSON they come from: a component is {@code null} when the field is
 * absent, and every field this record does not name is kept in {@link #extra()} and written back
 * out unchanged, so provider-specific parameters pass through the gateway untouched.
 *
 * <p>Instances are immutable; use the {@code with…} methods to derive a changed copy:
 * <pre>{@code
 * ChatRequest capped = request.withMaxTokens(Math.min(request.effectiveMaxTokens().orElse(512), 512));
 * }</pre>
 *
 * @param model the model route (inbound) or upstream model name (outbound)
 * @param messages the conversation, oldest first
 * @param tools tools the model may call
 * @param toolChoice {@code "auto"}, {@code "none"}, {@code "required"} or a named function object
 * @param parallelToolCalls whether the model may call several tools at once
 * @param responseFormat text, JSON object or JSON schema output
 * @param stream whether the answer is streamed as server-sent events
 * @param streamOptions stream options, e.g. {@code include_usage}
 * @param temperature sampling temperature
 * @param topP nucleus sampling
 * @param maxTokens legacy output token cap
 * @param maxCompletionTokens output token cap
 * @param stop a string or list of stop sequences
 * @param n how many choices to generate
 * @param seed sampling seed
 * @param presencePenalty presence penalty
 * @param frequencyPenalty frequency penalty
 * @param user the end user's identifier
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatRequest(
        String model,
        List<Message> messages,
        List<Tool> tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Boolean stream,
        StreamOptions streamOptions,
        Double temperature,
        Double topP,
        Integer maxTokens,
        Integer maxCompletionTokens,
        JsonNode stop,
        Integer n,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty,
        String user,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
        implements ModelRequest {

    public ChatRequest {
        messages = messages == null ? null : List.copyOf(messages);
        tools = tools == null ? null : List.copyOf(tools);
        extra = Extra.copy(extra);
    }

    /** A minimal request: a model and its messages. */
    public static ChatRequest of(String model, List<Message> messages) {
        return new ChatRequest(model, messages, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, Map.of());
    }

    /** Whether the client asked for a streamed answer. */
    public boolean isStream() {
        return Boolean.TRUE.equals(stream);
    }

    /** Whether a streamed answer should end with a usage chunk. */
    public boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    /** The output token cap, whichever of the two fields carries it. */
    public java.util.Optional<Integer> effectiveMaxTokens() {
        return java.util.Optional.ofNullable(maxCompletionTokens != null ? maxCompletionTokens : maxTokens);
    }

    /** The messages, never null. */
    public List<Message> messagesOrEmpty() {
        return messages == null ? List.of() : messages;
    }

    @Override
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, tools, toolChoice, parallelToolCalls, responseFormat, stream,
                streamOptions, temperature, topP, maxTokens, maxCompletionTokens, stop, n, seed, presencePenalty,
                frequencyPenalty, user, extra);
    }

    /** A copy with other messages. */
    public ChatRequest withMessages(List<Message> newMessages) {
        return new ChatRequest(model, newMessages, tools, toolChoice, parallelToolCalls, responseFormat, stream,
                streamOptions, temperature, topP, maxTokens, maxCompletionTokens, stop, n, seed, presencePenalty,
                frequencyPenalty, user, extra);
    }

    /** A copy with another {@code stream} flag ({@code null} removes it). */
    public ChatRequest withStream(Boolean newStream) {
        return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, newStream,
                streamOptions, temperature, topP, maxTokens, maxCompletionTokens, stop, n, seed, presencePenalty,
                frequencyPenalty, user, extra);
    }

    /** A copy with other stream options ({@code null} removes them). */
    public ChatRequest withStreamOptions(StreamOptions newOptions) {
        return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, stream,
                newOptions, temperature, topP, maxTokens, maxCompletionTokens, stop, n, seed, presencePenalty,
                frequencyPenalty, user, extra);
    }

    /** A copy with another output token cap, written to the field the request already used. */
    public ChatRequest withMaxTokens(int cap) {
        boolean modern = maxCompletionTokens != null || maxTokens == null;
        return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, stream,
                streamOptions, temperature, topP, modern ? maxTokens : Integer.valueOf(cap),
                modern ? Integer.valueOf(cap) : maxCompletionTokens, stop, n, seed, presencePenalty,
                frequencyPenalty, user, extra);
    }
}
