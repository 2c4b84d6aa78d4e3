package dev.sluice.spi;

/**
 * A {@link ChunkStream} read from an upstream that speaks the client's dialect natively, which
 * can hand out the upstream's own event bytes next to the chunks it translated them into. When
 * the client spoke {@link #api()} and the stream reaching the inbound API still offers them
 * ({@link ChunkStream#nativeEvents()}: no wrapper changed the chunks), the kernel relays these bytes instead of writing
 * the chunks back into the client's format, so that events the canonical model cannot carry
 * (Anthropic's thinking blocks, signatures, server tool results) reach the client intact.
 *
 * <pre>{@code
 * Optional<ChatChunk> chunk = stream.next();   // reads one or more upstream events
 * byte[] raw = stream.nativeEvents().orElseThrow().drainNative(); // exactly those events
 * }</pre>
 */
public interface NativeEvents {

    /** The dialect of the upstream's events. */
    InboundApi api();

    /**
     * The upstream's events read since the previous call, as complete {@code event:}/{@code data:}
     * frames with the upstream's event names and data (including events that produced no chunk);
     * empty when there are none. After {@link ChunkStream#next()} returned empty, the rest of the
     * stream. An event that {@code next()} threw for is not included: the kernel writes its own
     * error event in the client's format.
     */
    byte[] drainNative();
}
