package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /v1/models}.
 *
 * @param id the model name clients send
 * @param object always {@code model}
 * @param created creation time, seconds since the epoch
 * @param ownedBy who serves it (for Sluice: {@code sluice} for routes, the provider name otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

    /** A model entry. */
    public static ModelInfo of(String id, String ownedBy, long created) {
        return new ModelInfo(id, "model", created, ownedBy);
    }
}
