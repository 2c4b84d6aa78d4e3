package dev.sluice.plugins.openai;

import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A stand-in for the kernel's HTTP client: answers every request with what a supplier gives (or
 * throws the supplier's exception), and keeps the requests sent.
 */
final class CannedClient implements UpstreamClient {
    final List<UpstreamRequest> sent = new ArrayList<>();
    private final Supplier<UpstreamResponse> answer;

    private CannedClient(Supplier<UpstreamResponse> answer) {
        this.answer = answer;
    }

    static CannedClient answering(UpstreamResponse response) {
        return new CannedClient(() -> response);
    }

    static CannedClient failing(UncheckedIOException failure) {
        return new CannedClient(() -> {
            throw failure;
        });
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        sent.add(request);
        return answer.get();
    }

    UpstreamRequest last() {
        return sent.get(sent.size() - 1);
    }
}
