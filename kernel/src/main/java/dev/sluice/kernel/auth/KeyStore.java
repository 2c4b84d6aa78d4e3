package dev.sluice.kernel.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The virtual keys, in memory for lookups and in one JSON file for restarts. The file holds each
 * key's hash and display prefix, never the key; it is rewritten whole on every change (to a
 * temporary file, then moved over the old one atomically, owner-readable only), so a crash leaves
 * either the old or the new file. Lookups are lock-free; changes are serialised.
 */
public final class KeyStore {
    private static final Logger LOG = Logger.getLogger(KeyStore.class.getName());

    private final Optional<Path> file;
    private final Clock clock;
    private final Map<String, VirtualKey> byId = new ConcurrentHashMap<>();
    private final Map<String, VirtualKey> byHash = new ConcurrentHashMap<>();

    private KeyStore(Optional<Path> file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The keys of {@code file}, which need not exist yet; changes are written back to it. */
    public static KeyStore open(Path file, Clock clock) {
        KeyStore store = new KeyStore(Optional.of(file), clock);
        if (Files.exists(file)) {
            try {
                JsonNode root = Json.tree(Files.readAllBytes(file));
                for (JsonNode node : root.path("keys")) {
                    store.index(KeyJson.fromStored(node));
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read the key file " + file + ": " + e.getMessage(), e);
            }
            LOG.info("virtual keys: " + store.byId.size() + " read from " + file);
        }
        return store;
    }

    /** Keys kept in memory only (for checks and tests). */
    public static KeyStore inMemory(Clock clock) {
        return new KeyStore(Optional.empty(), clock);
    }

    /**
     * A key issued: the stored record and, once only, the key itself. Fields as for
     * {@link KeyJson#apply}.
     */
    public synchronized Issued create(JsonNode fields) {
        String secret = ApiKeys.generate();
        VirtualKey blank = new VirtualKey(ApiKeys.newId(), ApiKeys.hash(secret), ApiKeys.displayPrefix(secret), "",
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(),
                clock.instant(), Optional.empty(), Optional.empty());
        VirtualKey key = KeyJson.apply(fields, blank, clock.instant(), false);
        index(key);
        save();
        return new Issued(key, secret);
    }

    /**
     * A newly issued key.
     *
     * @param key the stored record
     * @param secret the key, shown to the caller once and never kept
     */
    public record Issued(VirtualKey key, String secret) {
        @Override
        public String toString() {
            return "Issued[" + key.id() + "]";
        }
    }

    /** A key with some fields changed. */
    public synchronized VirtualKey update(String id, JsonNode fields) {
        VirtualKey key = KeyJson.apply(fields, require(id), clock.instant(), false);
        index(key);
        save();
        return key;
    }

    /** Revokes a key; revoking twice keeps the first time. */
    public synchronized VirtualKey revoke(String id) {
        VirtualKey key = require(id);
        if (key.revoked()) {
            return key;
        }
        VirtualKey revoked = key.revokedAt(clock.instant());
        index(revoked);
        save();
        return revoked;
    }

    /** A key by id. */
    public Optional<VirtualKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The key whose hash this is. */
    public Optional<VirtualKey> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    /** Every key, oldest first. */
    public List<VirtualKey> all() {
        return byId.values().stream().sorted(Comparator.comparing(VirtualKey::createdAt)
                .thenComparing(VirtualKey::id)).toList();
    }

    private VirtualKey require(String id) {
        return byId(id).orElseThrow(() -> new GatewayException(ErrorType.NOT_FOUND, "no key with id '" + id + "'")
                .withCode("key_not_found"));
    }

    private void index(VirtualKey key) {
        byId.put(key.id(), key);
        byHash.put(key.hash(), key);
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", 1);
        ArrayNode keys = root.putArray("keys");
        all().forEach(k -> keys.add(KeyJson.stored(k)));
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".keys-", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + target, e);
        }
    }
}
