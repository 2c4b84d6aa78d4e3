package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.ResponseCache;
import dev.sluice.spi.config.Settings;
import java.util.logging.Logger;
import org.pf4j.Extension;

/**
 * The {@code semantic} response cache: serves a stored answer to a prompt that asks the same
 * thing in other words. Prompts are embedded (by a small model in process, or by any
 * OpenAI-compatible embeddings endpoint) and compared by cosine similarity, only with prompts of
 * the same {@link dev.sluice.spi.cache.CacheKey#partition() partition}: the same scope, route,
 * system prompt and answer-changing parameters.
 *
 * <pre>{@code
 * cache:
 *   stores:
 *     - { type: exact, max_bytes: 256MB }
 *     - type: semantic
 *       threshold: 0.93          # least cosine similarity served
 *       max_entries: 10000       # over all partitions; least recently used go first
 *       max_prompt_chars: 4000   # longer prompts are neither embedded nor stored
 *       word_checks: true        # refuse near neighbours whose numbers or key words differ
 *       embedder: local          # or { type: openai, base_url, api_key, model, dimensions, timeout }
 * }</pre>
 *
 * <p>Entries live in memory only, for their route's TTL. See {@code docs/caching/semantic.md}.
 */
@Extension
public class SemanticCache implements ResponseCache {
    private static final Logger LOG = Logger.getLogger(SemanticCache.class.getName());

    @Override
    public String name() {
        return "semantic";
    }

    @Override
    public CacheStore open(Settings settings, GatewayContext context) {
        SemanticSettings own = SemanticSettings.read(settings);
        Embedder embedder = Embedders.open(settings, context);
        LOG.info(() -> "semantic cache: " + embedder.description() + ", threshold " + own.threshold()
                + ", at most " + own.maxEntries() + " entries");
        return new SemanticStore(own, embedder, context.clock());
    }
}
