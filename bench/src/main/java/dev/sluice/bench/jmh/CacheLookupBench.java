package dev.sluice.bench.jmh;

import dev.sluice.kernel.cache.CachePolicy;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import dev.sluice.spi.cache.ResponseCache;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a cache lookup costs a request, with the stores of the distribution's {@code cache-exact}
 * and {@code cache-semantic} plugins loaded through PF4J: the kernel's key (canonical JSON and
 * SHA-256 of the request) plus the store's lookup, for a hit and a miss, among {@code entries}
 * stored answers. The semantic lookup includes embedding the prompt with the local model.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheLookupBench {

    @Param({"exact", "semantic"})
    public String store;

    @Param({"1000"})
    public int entries;

    private ExtensionCatalog catalog;
    private CacheStore cache;
    private ChatRequest stored;
    private ChatRequest unseen;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        catalog = PluginsUnderTest.load();
        ResponseCache type = ExtensionCatalog.find(catalog.caches(), store).orElseThrow();
        cache = type.open(PluginsUnderTest.settings(store.equals("exact") ? "{\"max_bytes\":\"256MB\"}"
                : "{\"max_entries\":" + (entries * 2) + "}"), PluginsUnderTest.context());
        ChatResponse answer = Json.read(Fixtures.CHAT_RESPONSE, ChatResponse.class);
        byte[] json = Fixtures.CHAT_RESPONSE;
        for (int i = 0; i < entries; i++) {
            ChatRequest r = ask("Question " + i + ": how do I reset the password of account " + (i * 7919) + "?");
            cache.store(key(r), new CachedAnswer(answer, json, Optional.empty(), Instant.now()));
        }
        stored = ask("Question 42: how do I reset the password of account " + (42 * 7919) + "?");
        unseen = ask("Which ports does the service listen on, and can I change them?");
        if (cache.lookup(key(stored)).isEmpty()) {
            throw new IllegalStateException("the stored request does not hit");
        }
    }

    private static ChatRequest ask(String text) throws IOException {
        return Json.read("{\"model\":\"faq\",\"messages\":[{\"role\":\"system\",\"content\":\"You answer support "
                + "questions.\"},{\"role\":\"user\",\"content\":\"" + text + "\"}]}", ChatRequest.class);
    }

    private static CacheKey key(ChatRequest request) {
        return CachePolicy.keyOf(request, "key:vk_bench", Duration.ofHours(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
        catalog.close();
    }

    @Benchmark
    public Object hit() {
        return cache.lookup(key(stored));
    }

    @Benchmark
    public Object miss() {
        return cache.lookup(key(unseen));
    }

    @Benchmark
    public Object keyOnly() {
        return key(stored);
    }
}
