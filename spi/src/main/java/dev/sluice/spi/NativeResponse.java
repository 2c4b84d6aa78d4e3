package dev.sluice.spi;

import dev.sluice.spi.model.ChatResponse;
import java.util.Objects;

/**
 * A complete answer exactly as a provider's upstream sent it in its own dialect, kept on the
 * exchange next to its canonical translation. When the client spoke that dialect and the answer
 * reaching the inbound API is still {@code translated} (by identity: no policy replaced it), the
 * kernel sends these bytes instead of translating back, so that nothing the canonical model
 * cannot carry is lost. A provider records it like this:
 * <pre>{@code
 * ChatResponse answer = translate(body);
 * exchange.attribute(NativeResponse.KEY, new NativeResponse(InboundApi.ANTHROPIC, bytes, answer));
 * }</pre>
 *
 * @param api the dialect of the body
 * @param body the upstream's answer body
 * @param translated the canonical answer the provider returned for it
 */
public record NativeResponse(InboundApi api, byte[] body, ChatResponse translated) {

    /** Where a provider keeps the native answer of an exchange. */
    public static final AttributeKey<NativeResponse> KEY =
            AttributeKey.of("native-response", NativeResponse.class);

    public NativeResponse {
        Objects.requireNonNull(api);
        Objects.requireNonNull(body);
        Objects.requireNonNull(translated);
    }

    /** Whether these bytes may stand for {@code answer} towards a client speaking {@code dialect}. */
    public boolean standsFor(InboundApi dialect, ChatResponse answer) {
        return dialect == api && answer == translated;
    }
}
