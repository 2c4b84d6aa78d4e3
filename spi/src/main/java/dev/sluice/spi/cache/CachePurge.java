package dev.sluice.spi.cache;

import java.util.Optional;

/**
 * What to remove from a cache: entries of one route, of one scope, of both, or (both empty)
 * everything.
 *
 * @param route only entries of this model route
 * @param scope only entries of this scope ({@code key:<id>}, {@code user:<id>}, …)
 */
public record CachePurge(Optional<String> route, Optional<String> scope) {

    /** Everything. */
    public static final CachePurge ALL = new CachePurge(Optional.empty(), Optional.empty());

    /** Whether an entry of this route and scope is to go. */
    public boolean matches(String entryRoute, String entryScope) {
        return route.map(entryRoute::equals).orElse(true) && scope.map(entryScope::equals).orElse(true);
    }
}
