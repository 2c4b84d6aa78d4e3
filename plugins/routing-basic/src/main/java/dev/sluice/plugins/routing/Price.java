package dev.sluice.plugins.routing;

/**
 * What a target charges, in US dollars per million tokens.
 *
 * @param input per million prompt (input) tokens
 * @param output per million completion (output) tokens
 */
record Price(double input, double output) {

    /** The expected cost in US dollars of a request of this size. */
    double cost(TokenEstimate tokens) {
        return (tokens.input() * input + tokens.output() * output) / 1_000_000;
    }
}
