package dev.sluice.spi.cache;

import dev.sluice.spi.model.ChatResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete answer kept by a cache. Streams are kept in this form too (assembled from their
 * chunks) and replayed as a stream on a streaming hit.
 *
 * @param response the answer
 * @param json the answer's JSON, as sent to the client that caused it to be stored
 * @param cost what the answer cost when it was produced (what a hit saves)
 * @param storedAt when it was stored
 */
public record CachedAnswer(ChatResponse response, byte[] json, Optional<BigDecimal> cost, Instant storedAt) {

    public CachedAnswer {
        Objects.requireNonNull(response);
        Objects.requireNonNull(json);
        Objects.requireNonNull(cost);
        Objects.requireNonNull(storedAt);
    }

    /** The size a store counts against its byte bound: the JSON plus a fixed overhead. */
    public long weight() {
        return json.length + 256L;
    }
}
