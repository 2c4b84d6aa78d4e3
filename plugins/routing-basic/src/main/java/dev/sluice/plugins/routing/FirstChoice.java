package dev.sluice.plugins.routing;

/**
 * How a {@link FirstChoiceSelector} picks the target that is tried first, among its candidates
 * (the route's targets with a weight above 0, numbered from 0 in configured order).
 * Implementations are called by concurrent requests and must be thread-safe.
 */
interface FirstChoice {

    /** A candidate's number, every candidate allowed. */
    int any();

    /**
     * A candidate's number among the allowed ones.
     *
     * @param allowed by candidate number; at least one is {@code true}
     */
    int among(boolean[] allowed);
}
