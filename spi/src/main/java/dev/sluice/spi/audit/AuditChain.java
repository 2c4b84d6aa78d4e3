package dev.sluice.spi.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hash chain that makes an audit log tamper-evident. Each record is written with a sequence
 * number and the hash of the record before it; its own hash is the SHA-256 of those bytes:
 *
 * <pre>{@code
 * body = {"seq":N, …every field of the record…, "prev_hash":"<hash of record N-1>"}
 * hash = hex(SHA-256(body))
 * line = body with ,"hash":"<hash>" before its closing brace
 * }</pre>
 * The first record of a chain has {@code seq} 1 and {@link #GENESIS} as its previous hash. An
 * edited record no longer matches its hash; a removed or reordered one breaks the link to the
 * next; a record removed from the end is found by comparing the last hash with one kept
 * elsewhere (the sinks log it at shutdown). {@link ChainVerifier} checks a sequence.
 */
public final class AuditChain {
    /** The previous hash of a chain's first record. */
    public static final String GENESIS = "0".repeat(64);
    private static final String HASH_FIELD = ",\"hash\":\"";
    private static final int SUFFIX = HASH_FIELD.length() + 64 + 2;

    private AuditChain() {
    }

    /**
     * A record bound into the chain.
     *
     * @param seq its sequence number
     * @param prevHash the hash of the record before it
     * @param hash its own hash
     * @param body the bytes hashed (JSON without the hash)
     * @param record the record
     */
    public record Link(long seq, String prevHash, String hash, byte[] body, AuditRecord record) {

        public Link {
            Objects.requireNonNull(prevHash);
            Objects.requireNonNull(hash);
            Objects.requireNonNull(body);
        }

        /** The JSON Lines form: the body with its hash, and a line feed. */
        public byte[] line() {
            byte[] tail = (HASH_FIELD + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[body.length - 1 + tail.length];
            System.arraycopy(body, 0, line, 0, body.length - 1);
            System.arraycopy(tail, 0, line, body.length - 1, tail.length);
            return line;
        }
    }

    /** Binds a record as number {@code seq} after the record whose hash is {@code prevHash}. */
    public static Link link(AuditRecord record, long seq, String prevHash) {
        byte[] body = AuditJson.chained(record, seq, prevHash);
        return new Link(seq, prevHash, hash(body), body, record);
    }

    /** Hex SHA-256 of the bytes. */
    public static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Reads one JSON line back into a link, without judging it: the stated hash is kept as
     * written, so that {@link ChainVerifier} can compare it with the body's real hash.
     *
     * @throws IllegalArgumentException when the line is not a chained audit record
     */
    public static Link parseLine(String line) {
        String trimmed = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        int at = trimmed.length() - SUFFIX;
        if (at <= 0 || !trimmed.startsWith(HASH_FIELD, at) || !trimmed.endsWith("\"}")) {
            throw new IllegalArgumentException("the line does not end with its hash");
        }
        String hash = trimmed.substring(at + HASH_FIELD.length(), trimmed.length() - 2);
        byte[] body = (trimmed.substring(0, at) + "}").getBytes(StandardCharsets.UTF_8);
        return fromBody(body, hash);
    }

    /**
     * A link from its body (JSON with {@code seq} and {@code prev_hash}) and its stated hash, as
     * a database keeps them.
     *
     * @throws IllegalArgumentException when the body is not a chained audit record
     */
    public static Link fromBody(byte[] body, String statedHash) {
        try {
            var tree = AuditJson.tree(body);
            if (!tree.path("seq").canConvertToLong() || !tree.path("prev_hash").isTextual()) {
                throw new IllegalArgumentException("the record has no seq or prev_hash");
            }
            return new Link(tree.path("seq").asLong(), tree.path("prev_hash").asText(), statedHash, body,
                    AuditJson.read(body));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a chained audit record: " + e.getMessage(), e);
        }
    }
}
