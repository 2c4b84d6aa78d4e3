package dev.sluice.kernel.js;

import java.util.Optional;

/**
 * A JavaScript policy that could not be loaded or whose call failed: it did not compile, threw,
 * ran over a limit, or returned something the gateway cannot use. The message names the file and,
 * where known, the line and column ({@code tiers.js:12:7: TypeError: ...}).
 */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The file is missing, unreadable, does not compile or does not export what its user needs. */
        INVALID,
        /** The hook threw. */
        THREW,
        /** The call ran over its wall-clock limit. */
        TIMEOUT,
        /** The call ran over its statement limit. */
        STATEMENT_LIMIT,
        /** The call ran over its allocation limit, or the heap ran out while it ran. */
        ALLOCATION_LIMIT,
        /** The hook returned a value the gateway cannot use. */
        BAD_RESULT,
        /** The JavaScript engine itself failed. */
        ENGINE
    }

    private final Kind kind;
    private final String location;

    /**
     * @param kind what went wrong
     * @param location {@code file}, {@code file:line} or {@code file:line:column}
     * @param message what went wrong, without the location
     */
    public PolicyException(Kind kind, String location, String message) {
        super(location + ": " + message);
        this.kind = kind;
        this.location = location;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** {@code file}, {@code file:line} or {@code file:line:column}. */
    public String location() {
        return location;
    }

    /** The line, when the location has one. */
    public Optional<Integer> line() {
        String[] parts = location.split(":");
        return parts.length >= 2 ? Optional.of(Integer.parseInt(parts[1])) : Optional.empty();
    }
}
