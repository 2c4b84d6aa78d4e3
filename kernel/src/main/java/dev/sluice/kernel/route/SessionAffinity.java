package dev.sluice.kernel.route;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.kernel.config.GatewayConfig.AffinityConfig;
import java.util.Optional;

/**
 * Which target each session of a route sticks to: {@code (route, x-sluice-session)} to
 * {@code provider/model}. Bounded: at most {@code routing.affinity.max_sessions} sessions, the
 * least recently used evicted first, and a session unseen for {@code session_ttl} forgotten.
 * One per gateway process, so sessions survive configuration reloads. Thread-safe; lookups and
 * updates are plain map operations with no I/O.
 */
public final class SessionAffinity {
    private final Cache<String, String> sessions;

    /** A table with the given bounds. */
    public SessionAffinity(AffinityConfig config) {
        this.sessions = Caffeine.newBuilder()
                .maximumSize(config.maxSessions())
                .expireAfterAccess(config.sessionTtl())
                .build();
    }

    /** Applies a reloaded configuration's bounds to the live table. */
    public void configure(AffinityConfig config) {
        sessions.policy().eviction().ifPresent(e -> e.setMaximum(config.maxSessions()));
        sessions.policy().expireAfterAccess().ifPresent(e -> e.setExpiresAfter(config.sessionTtl()));
    }

    /** The target label the session sticks to on this route, if any. */
    public Optional<String> pinned(String route, String session) {
        return Optional.ofNullable(sessions.getIfPresent(key(route, session)));
    }

    /** Makes the session stick to {@code label} on this route. */
    public void pin(String route, String session, String label) {
        sessions.put(key(route, session), label);
    }

    /** How many sessions are remembered (approximately, as evictions run lazily). */
    public long size() {
        return sessions.estimatedSize();
    }

    private static String key(String route, String session) {
        return route + '\n' + session;
    }
}
