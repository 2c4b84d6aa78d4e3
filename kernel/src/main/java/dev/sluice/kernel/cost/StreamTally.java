package dev.sluice.kernel.cost;

import dev.sluice.spi.AttributeKey;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.cost.CostBasis;
import dev.sluice.spi.model.ChatChunk;

/**
 * The costing of one stream, fed by the inbound API's relay with every chunk it passes on. The
 * provider's usage chunk (every provider ends its streams with one) records the usage and the
 * cost on the exchange as it passes. A stream that ends normally without one is counted instead:
 * prompt tokens from the request's text, completion tokens from the streamed text, marked
 * {@link CostBasis#ESTIMATED}. A stream cut short (an upstream failure, the client gone) before
 * its usage arrived is left without a cost, since what the provider billed is unknown.
 *
 * <pre>{@code
 * StreamTally tally = StreamTally.of(exchange);
 * while ((chunk = next()) != null) { tally.chunk(chunk); write(chunk); }
 * tally.end();   // only at the stream's normal end
 * }</pre>
 * One per stream, used by the thread relaying it.
 */
public final class StreamTally {
    static final AttributeKey<StreamTally> KEY = AttributeKey.of("sluice.cost.stream", StreamTally.class);

    private final CallMeter meter;
    private final Exchange exchange;
    private long answerChars;
    private boolean reported;
    private boolean ended;
    private String model;

    StreamTally(CallMeter meter, Exchange exchange) {
        this.meter = meter;
        this.exchange = exchange;
    }

    /**
     * The tally of the exchange's stream; for a stream the gateway's meter did not see (a test
     * relaying a stream of its own), one that records the usage and nothing else.
     */
    public static StreamTally of(Exchange exchange) {
        return exchange.attribute(KEY).orElseGet(() -> new StreamTally(null, exchange));
    }

    /** Counts a chunk about to be relayed. */
    public void chunk(ChatChunk chunk) {
        if (chunk.model() != null) {
            model = chunk.model();
            exchange.responseModel(model);
        }
        for (var choice : chunk.choices()) {
            if (choice.finishReason() != null) {
                exchange.finishReason(choice.finishReason());
            }
        }
        if (chunk.usage() != null) {
            reported = true;
            if (meter == null) {
                exchange.usage(chunk.usage());
            } else {
                meter.record(exchange, chunk.usage(), CostBasis.REPORTED, model);
            }
        } else if (!reported) {
            answerChars += UsageEstimate.chars(chunk);
        }
    }

    /** The stream ended normally: estimates its usage if the provider reported none. */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (!reported && meter != null) {
            meter.record(exchange, UsageEstimate.of(exchange.request(), answerChars), CostBasis.ESTIMATED, model);
        }
    }
}
