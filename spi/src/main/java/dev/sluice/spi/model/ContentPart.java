package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One part of a multi-part message: {@code text}, {@code image_url}, or any other type, which is
 * preserved in {@link #extra()}.
 *
 * @param type the part type, e.g. {@code text} or {@code image_url}
 * @param text the text of a {@code text} part
 * @param imageUrl the image of an {@code image_url} part
 * @param extra every other field (e.g. {@code input_audio}, {@code file}), preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentPart(String type, String text, ImageUrl imageUrl,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public ContentPart {
        extra = Extra.copy(extra);
    }

    /** A text part. */
    public static ContentPart text(String text) {
        return new ContentPart("text", text, null, Map.of());
    }

    /** An image part by URL or {@code data:} URI. */
    public static ContentPart image(String url) {
        return new ContentPart("image_url", null, new ImageUrl(url, null, Map.of()), Map.of());
    }
}
