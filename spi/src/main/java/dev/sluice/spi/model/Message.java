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
 * One message of a conversation, or the delta of a streamed chunk.
 *
 * @param role {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param content text or a list of parts (text, images, …); {@code null} for a pure tool call
 * @param name an optional participant name
 * @param toolCalls the tool calls an assistant message makes
 * @param toolCallId for a {@code tool} message, the call it answers
 * @param refusal the model's refusal text, if it refused
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Message(
        String role,
        Content content,
        String name,
        List<ToolCall> toolCalls,
        String toolCallId,
        String refusal,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public Message {
        toolCalls = toolCalls == null ? null : List.copyOf(toolCalls);
        extra = Extra.copy(extra);
    }

    /** A message with plain text content. */
    public static Message of(String role, String text) {
        return new Message(role, Content.text(text), null, null, null, null, Map.of());
    }

    /** The text of the message: the string content, or its text parts joined; empty when none. */
    public String text() {
        return content == null ? "" : content.text();
    }

    /** A copy with other content. */
    public Message withContent(Content newContent) {
        return new Message(role, newContent, name, toolCalls, toolCallId, refusal, extra);
    }
}
