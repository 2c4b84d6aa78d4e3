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
 * A complete chat answer ({@code "object": "chat.completion"}).
 *
 * @param id the completion id
 * @param object always {@code chat.completion}
 * @param created creation time, seconds since the epoch
 * @param model the upstream model that answered
 * @param choices the generated choices
 * @param usage token usage, when the provider reports it
 * @param systemFingerprint the backend configuration fingerprint, if any
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatResponse(String id, String object, long created, String model, List<Choice> choices,
        Usage usage, String systemFingerprint, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    /** The {@code object} value of a complete answer. */
    public static final String OBJECT = "chat.completion";

    public ChatResponse {
        choices = choices == null ? List.of() : List.copyOf(choices);
        extra = Extra.copy(extra);
    }

    /** A copy naming another model. */
    public ChatResponse withModel(String newModel) {
        return new ChatResponse(id, object, created, newModel, choices, usage, systemFingerprint, extra);
    }
}
