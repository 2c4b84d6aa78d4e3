package dev.sluice.plugins.cache.semantic;

/**
 * An entry found near a query.
 *
 * @param id the entry's id
 * @param similarity the cosine similarity of its vector and the query's
 */
record Neighbour(long id, float similarity) {
}
