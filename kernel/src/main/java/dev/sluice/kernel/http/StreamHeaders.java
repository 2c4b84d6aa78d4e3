package dev.sluice.kernel.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** The headers of every event-stream answer, whatever the dialect. */
public final class StreamHeaders {
    private StreamHeaders() {
    }

    /** Sets them; call before the first byte. */
    public static void apply(ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        // Tells nginx-style proxies in front of the gateway not to buffer the stream.
        res.header(HeaderNames.create("x-accel-buffering"), "no");
    }
}
