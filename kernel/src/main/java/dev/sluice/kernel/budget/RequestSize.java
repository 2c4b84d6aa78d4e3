package dev.sluice.kernel.budget;

import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ModelRequest;

/**
 * Token estimates of a request made before it is sent, when no tokenizer's count is known.
 *
 * <p>{@link #promptBound} is an upper bound: the request's JSON size in bytes. Every token of a
 * byte-pair tokenizer stands for at least one byte of text, and the JSON around each message
 * outweighs the few tokens a chat template adds; only images (priced by size, not bytes) can go
 * over it. {@link #promptTypical} is the usual four bytes per token, for rate limits.
 */
public final class RequestSize {
    private RequestSize() {
    }

    /** At least as many prompt tokens as the request can have (text only). */
    public static long promptBound(ModelRequest request) {
        return Json.bytes(request).length;
    }

    /** About as many prompt tokens as the request has. */
    public static long promptTypical(ModelRequest request) {
        return (promptBound(request) + 3) / 4;
    }

    /** The most output tokens the request may produce: its {@code max_tokens} (or the default) times {@code n}. */
    public static long outputBound(ModelRequest request, int defaultMaxTokens) {
        if (request instanceof ChatRequest chat) {
            long each = chat.effectiveMaxTokens().orElse(defaultMaxTokens);
            return each * Math.max(1, chat.n() == null ? 1 : chat.n());
        }
        return 0;
    }

    /** The output tokens the request asked for, or 0 when it set no limit. */
    public static long outputAsked(ModelRequest request) {
        if (request instanceof ChatRequest chat) {
            return chat.effectiveMaxTokens().orElse(0) * (long) Math.max(1, chat.n() == null ? 1 : chat.n());
        }
        return 0;
    }
}
