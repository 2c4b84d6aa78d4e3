package dev.sluice.plugins.guardrail.format;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The schemas of requests' {@code response_format}, compiled once each and kept by their
 * canonical text, least recently used first out, bounded both by count and by the total length of
 * the texts. A schema that cannot be compiled is remembered as such (empty), so that it is not
 * compiled again on every request.
 *
 * <p>Thread-safe: lookups and insertions take a short lock; compiling does not hold it, so two
 * requests bringing the same new schema at once may both compile it, and the later one wins.
 */
final class SchemaCache {
    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<String, Optional<CompiledSchema>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    SchemaCache(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** The compiled schema for a canonical text, compiling it on a miss. */
    Optional<CompiledSchema> get(String canonical, Function<String, Optional<CompiledSchema>> compile) {
        synchronized (this) {
            Optional<CompiledSchema> cached = entries.get(canonical);
            if (cached != null) {
                return cached;
            }
        }
        Optional<CompiledSchema> compiled = compile.apply(canonical);
        if (canonical.length() <= maxChars) {
            synchronized (this) {
                if (entries.put(canonical, compiled) == null) {
                    chars += canonical.length();
                }
                evict();
            }
        }
        return compiled;
    }

    synchronized int size() {
        return entries.size();
    }

    private void evict() {
        Iterator<Map.Entry<String, Optional<CompiledSchema>>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
            chars -= eldest.next().getKey().length();
            eldest.remove();
        }
    }
}
