package dev.sluice.plugins.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HnswGraphTest {
    private static final int DIMENSIONS = LocalEmbedder.DIMENSIONS;
    private static final int QUERIES = 300;

    @Test
    void findsTheNearestEntryToQueriesNearEntriesAmongAThousand() {
        float[][] data = randomVectors(new Random(1), 1_000);
        HnswGraph graph = graphOf(data);
        for (double similarity : new double[] {0.9, 0.8, 0.7}) {
            assertRecallAtOne(graph, data, "random", similarity, 0.99);
        }
    }

    @Test
    void findsTheNearestEntryToQueriesNearEntriesAmongTenThousand() {
        float[][] data = randomVectors(new Random(2), 10_000);
        HnswGraph graph = graphOf(data);
        for (double similarity : new double[] {0.9, 0.8, 0.7}) {
            assertRecallAtOne(graph, data, "random", similarity, 0.99);
        }
    }

    @Test
    void findsTheNearestEntryAmongTenThousandClusteredLikeTopics() {
        Random random = new Random(3);
        float[][] centres = randomVectors(random, 50);
        float[][] data = new float[10_000][];
        for (int i = 0; i < data.length; i++) {
            data[i] = near(centres[random.nextInt(centres.length)], 0.7, random);
        }
        assertRecallAtOne(graphOf(data), data, "clustered", 0.9, 0.99);
    }

    @Test
    void findsTheNearestEntryToRandomQueriesAmongAThousand() {
        Random random = new Random(4);
        float[][] data = randomVectors(random, 1_000);
        HnswGraph graph = graphOf(data);
        int found = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = randomVector(random);
            if (graph.search(query, 1, SemanticIndex.EF_SEARCH).get(0).id() == bruteForce(data, query, Set.of())) {
                found++;
            }
        }
        // Far from every entry (similarity about 0.17), so below any threshold: a miss whichever is found.
        System.out.printf("recall@1 at 1000 entries, uniformly random queries: %.3f%n", found / (double) QUERIES);
        assertThat(found / (double) QUERIES).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void removedEntriesAreNeverReturnedAndTheRestAreStillFound() {
        Random random = new Random(7);
        float[][] data = randomVectors(random, 2_000);
        HnswGraph graph = graphOf(data);
        Set<Long> removed = new HashSet<>();
        for (int i = 0; i < data.length; i += 2) {
            assertThat(graph.remove(i)).isTrue();
            removed.add((long) i);
        }
        assertThat(graph.remove(0)).isFalse();

        int found = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = randomVector(random);
            List<Neighbour> result = graph.search(query, SemanticIndex.CANDIDATES, SemanticIndex.EF_SEARCH);
            assertThat(result).noneMatch(n -> removed.contains(n.id()));
            if (!result.isEmpty() && result.get(0).id() == bruteForce(data, query, removed)) {
                found++;
            }
        }
        assertThat(found / (double) QUERIES).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void aRebuiltGraphHoldsOnlyTheLiveEntriesAndFindsThem() {
        Random random = new Random(11);
        float[][] data = randomVectors(random, 1_000);
        HnswGraph graph = graphOf(data);
        Set<Long> removed = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            graph.remove(i);
            removed.add((long) i);
        }
        assertThat(graph.wantsRebuild()).isTrue();

        HnswGraph rebuilt = HnswGraph.of(DIMENSIONS, 5, graph.snapshot());

        assertThat(rebuilt.nodes()).isEqualTo(400);
        assertThat(rebuilt.wantsRebuild()).isFalse();
        assertThat(rebuilt.liveIds()).hasSize(400).noneMatch(removed::contains);
        for (int i = 600; i < 1_000; i += 20) {
            assertThat(rebuilt.search(data[i], 1, SemanticIndex.EF_SEARCH).get(0).id()).isEqualTo(i);
        }
    }

    @Test
    void resultsComeMostSimilarFirst() {
        Random random = new Random(3);
        HnswGraph graph = graphOf(randomVectors(random, 500));

        List<Neighbour> result = graph.search(randomVector(random), 8, 64);

        assertThat(result).hasSize(8);
        for (int i = 1; i < result.size(); i++) {
            assertThat(result.get(i).similarity()).isLessThanOrEqualTo(result.get(i - 1).similarity());
        }
    }

    @Test
    void anEmptyGraphFindsNothing() {
        HnswGraph graph = new HnswGraph(DIMENSIONS, 1);
        assertThat(graph.search(randomVector(new Random(1)), 1, 10)).isEmpty();
        graph.add(1, randomVector(new Random(2)));
        graph.remove(1);
        assertThat(graph.search(randomVector(new Random(3)), 1, 10)).isEmpty();
    }

    /** Queries about {@code similarity} from random entries: recall@1 against a full scan. */
    private static void assertRecallAtOne(HnswGraph graph, float[][] data, String kind, double similarity,
            double floor) {
        Random random = new Random(data.length + Math.round(similarity * 100));
        int found = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = near(data[random.nextInt(data.length)], similarity, random);
            if (graph.search(query, 1, SemanticIndex.EF_SEARCH).get(0).id() == bruteForce(data, query, Set.of())) {
                found++;
            }
        }
        double recall = found / (double) QUERIES;
        System.out.printf("recall@1 at %d %s entries, queries %.1f similar to an entry: %.3f%n", data.length, kind,
                similarity, recall);
        assertThat(recall).isGreaterThanOrEqualTo(floor);
    }

    static HnswGraph graphOf(float[][] data) {
        HnswGraph graph = new HnswGraph(DIMENSIONS, 42);
        for (int i = 0; i < data.length; i++) {
            graph.add(i, data[i]);
        }
        return graph;
    }

    static long bruteForce(float[][] data, float[] query, Set<Long> removed) {
        long best = -1;
        float bestSimilarity = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < data.length; i++) {
            float s = UnitVectors.dot(query, data[i]);
            if (s > bestSimilarity && !removed.contains((long) i)) {
                bestSimilarity = s;
                best = i;
            }
        }
        return best;
    }

    static float[][] randomVectors(Random random, int count) {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = randomVector(random);
        }
        return out;
    }

    static float[] randomVector(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return UnitVectors.normalized(v);
    }

    /** A random vector about {@code similarity} similar to the given one, as a reworded prompt's would be. */
    static float[] near(float[] base, double similarity, Random random) {
        float[] noise = randomVector(random);
        float scale = (float) Math.sqrt(1 / (similarity * similarity) - 1);
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = base[i] + scale * noise[i];
        }
        return UnitVectors.normalized(v);
    }
}
