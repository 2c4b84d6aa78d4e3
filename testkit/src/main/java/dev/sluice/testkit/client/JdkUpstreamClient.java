package dev.sluice.testkit.client;

import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link UpstreamClient} on the JDK's HTTP client, so that provider plugins can be tested
 * against fake upstreams over real HTTP without the kernel. Bodies stream as they arrive.
 */
public final class JdkUpstreamClient implements UpstreamClient {
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection",
            "transfer-encoding", "expect", "upgrade");

    private final HttpClient client;
    private final UpstreamOptions options;

    public JdkUpstreamClient(UpstreamOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(request.readTimeout().orElse(options.readTimeout()))
                .method(request.method(), request.body().length == 0 && request.method().equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        return new UpstreamResponse() {
            @Override
            public int status() {
                return response.statusCode();
            }

            @Override
            public Optional<String> header(String name) {
                return response.headers().firstValue(name);
            }

            @Override
            public InputStream body() {
                return response.body();
            }

            @Override
            public void close() {
                try {
                    response.body().close();
                } catch (IOException e) {
                    // closing is best effort
                }
            }
        };
    }
}
