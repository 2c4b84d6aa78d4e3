package dev.sluice.spi.http;

import java.time.Duration;

/**
 * How an upstream client connects. Clients with equal options share a connection pool.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long to wait for any next byte: sized for long generations
 * @param maxConnectionsPerHost the size of the keep-alive pool per host (at least the peak
 *     concurrency, or connections are opened and closed under load)
 * @param idleTimeout how long a pooled connection may sit unused before it is closed
 */
public record UpstreamOptions(Duration connectTimeout, Duration readTimeout, int maxConnectionsPerHost,
        Duration idleTimeout) {

    /** 10 s to connect, 10 min between bytes, 1024 pooled connections per host, closed after 30 s idle. */
    public static final UpstreamOptions DEFAULTS =
            new UpstreamOptions(Duration.ofSeconds(10), Duration.ofMinutes(10), 1024, Duration.ofSeconds(30));

    /** Options with the default idle timeout. */
    public UpstreamOptions(Duration connectTimeout, Duration readTimeout, int maxConnectionsPerHost) {
        this(connectTimeout, readTimeout, maxConnectionsPerHost, DEFAULTS.idleTimeout());
    }
}
