package dev.sluice.plugins.gemini;

import java.util.concurrent.atomic.AtomicInteger;

/** Ids that count up ({@code chatcmpl-1}, {@code call_1}, {@code call_2}, …), so that answers are predictable. */
final class CountingIds implements Ids {
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String completionId() {
        return "chatcmpl-" + completions.incrementAndGet();
    }

    @Override
    public String callId() {
        return "call_" + calls.incrementAndGet();
    }
}
