package dev.sluice.plugins.routing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A first choice that takes the candidates in turn, one request after the other, with one atomic
 * counter per route: over any run of requests each candidate comes first equally often, give or
 * take one, however many threads share the route.
 */
final class Rotation implements FirstChoice {
    private final int candidates;
    private final AtomicLong turn = new AtomicLong();

    /** @param candidates how many candidates take turns, at least 1 */
    Rotation(int candidates) {
        this.candidates = candidates;
    }

    @Override
    public int any() {
        return (int) Math.floorMod(turn.getAndIncrement(), (long) candidates);
    }

    /** Turns go round the allowed candidates only, so a skipped candidate's turns are shared evenly. */
    @Override
    public int among(boolean[] allowed) {
        int count = 0;
        for (boolean a : allowed) {
            if (a) {
                count++;
            }
        }
        long nth = Math.floorMod(turn.getAndIncrement(), (long) count);
        for (int i = 0; i < allowed.length; i++) {
            if (allowed[i] && nth-- == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no candidate allowed");
    }
}
