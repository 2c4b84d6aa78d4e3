package dev.sluice.spi;

import java.util.List;

/**
 * Orders a route's targets for one request; the kernel's failover executor then tries them in
 * that order. One selector serves all requests of its route concurrently.
 */
@FunctionalInterface
public interface TargetSelector {

    /**
     * The targets to try, first choice first. Leave out targets that must not be tried; an empty
     * list fails the request with 503.
     */
    List<Target> order(Exchange exchange);
}
