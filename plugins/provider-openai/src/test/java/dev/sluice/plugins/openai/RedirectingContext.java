package dev.sluice.plugins.openai;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.client.TestGatewayContext;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gateway context whose HTTP client sends every request to a local fake upstream, keeping path
 * and query, and remembers the URI the provider asked for: so a test can see that a preset calls
 * its real default base URL while the bytes still travel over real HTTP to {@code 127.0.0.1}.
 */
final class RedirectingContext implements GatewayContext {
    final List<URI> requested = new ArrayList<>();
    private final TestGatewayContext real = TestGatewayContext.create();
    private final URI target;

    RedirectingContext(String targetBaseUrl) {
        this.target = URI.create(targetBaseUrl);
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        UpstreamClient client = real.http(options);
        return request -> {
            requested.add(request.uri());
            URI local = URI.create(target.getScheme() + "://" + target.getAuthority() + request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
            return client.send(new UpstreamRequest(request.method(), local, request.headers(), request.body(),
                    request.readTimeout()));
        };
    }

    @Override
    public Clock clock() {
        return real.clock();
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
