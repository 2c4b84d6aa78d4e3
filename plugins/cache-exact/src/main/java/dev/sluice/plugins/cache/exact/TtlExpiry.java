package dev.sluice.plugins.cache.exact;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Each entry lives for its own TTL from when it was stored (or last replaced); reads do not
 * extend it.
 */
final class TtlExpiry implements Expiry<String, CacheEntry> {

    @Override
    public long expireAfterCreate(String hash, CacheEntry entry, long currentTime) {
        return entry.ttlNanos();
    }

    @Override
    public long expireAfterUpdate(String hash, CacheEntry entry, long currentTime, long currentDuration) {
        return entry.ttlNanos();
    }

    @Override
    public long expireAfterRead(String hash, CacheEntry entry, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
