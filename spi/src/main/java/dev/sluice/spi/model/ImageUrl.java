package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The image of an {@code image_url} content part.
 *
 * @param url an {@code https:} URL or a {@code data:image/…;base64,…} URI
 * @param detail {@code low}, {@code high} or {@code auto}
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageUrl(String url, String detail, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public ImageUrl {
        extra = Extra.copy(extra);
    }
}
