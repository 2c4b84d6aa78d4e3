package dev.sluice.kernel.route;

/**
 * Thrown by a route's selector to hand the request to another model route: a routing policy's
 * {@code route()} returned that route's name. The {@link Router} serves the request with the named
 * route, its targets, strategy and failover rules; a request switches routes at most once.
 */
public final class RouteSwitch extends RuntimeException {
    private final String route;
    private final String policy;
    private final boolean failOnError;

    /**
     * @param route the model route to serve the request
     * @param policy the policy file that chose it, for messages
     * @param failOnError whether an unknown route fails the request (else the current route serves it
     *     in its configured order)
     */
    public RouteSwitch(String route, String policy, boolean failOnError) {
        super("switch to model route " + route, null, false, false);
        this.route = route;
        this.policy = policy;
        this.failOnError = failOnError;
    }

    /** The model route chosen. */
    public String route() {
        return route;
    }

    /** The policy file that chose it. */
    public String policy() {
        return policy;
    }

    /** Whether a switch that cannot be made fails the request. */
    public boolean failOnError() {
        return failOnError;
    }
}
