package dev.sluice.spi.provider;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import java.time.Clock;
import java.util.List;

/** A configured provider that only has its name and models; it is never called. */
final class StubProvider extends ConfiguredProvider {

    StubProvider(String name, List<String> models, Clock clock) {
        super(name, models, clock);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        throw new UnsupportedOperationException();
    }
}
