package dev.sluice.plugins.mock;

import dev.sluice.spi.model.ChatChunk;
import java.time.Duration;

/**
 * A chunk the mock streams, and how long to wait before handing it on.
 *
 * @param delay the pause before the chunk
 * @param chunk the chunk
 */
record PacedChunk(Duration delay, ChatChunk chunk) {
}
