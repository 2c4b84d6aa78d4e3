package dev.sluice.plugins.cache.semantic;

/** The local model, loaded once for all the tests of a JVM (loading takes seconds). */
final class Models {
    private static LocalEmbedder local;

    private Models() {
    }

    static synchronized LocalEmbedder local() {
        if (local == null) {
            local = new LocalEmbedder();
        }
        return local;
    }
}
