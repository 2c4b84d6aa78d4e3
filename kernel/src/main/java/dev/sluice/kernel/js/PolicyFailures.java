package dev.sluice.kernel.js;

import org.graalvm.polyglot.PolyglotException;

/**
 * Turns what GraalJS threw into a {@link PolicyException} that says what went wrong and where, and
 * marks a context that cannot be trusted any more (cancelled, out of memory, internal error) for
 * its worker to replace.
 */
final class PolicyFailures {
    private PolicyFailures() {
    }

    /** A version that failed to compile or to run its top level. */
    static PolicyException invalid(String name, PolyglotException e, SandboxContext context) {
        if (e.isCancelled() || e.isInternalError() || e.isResourceExhausted()) {
            context.discard();
        }
        String what = e.isSyntaxError() ? "does not compile: " : "fails when loaded: ";
        // GraalJS puts "name:line:column" into syntax error messages; the location says it already.
        String message = String.valueOf(e.getMessage()).replaceFirst("^(SyntaxError: )?\\Q" + name + "\\E:\\d+:\\d+ ", "$1");
        return new PolicyException(PolicyException.Kind.INVALID, PolicySources.location(name, e), what + message);
    }

    /** The name of one of {@link PolicyFacts}' classes in an error message. */
    private static final String FACTS = "\\Q" + PolicyFacts.class.getName() + "$\\E\\w+";

    /** A failed hook call, classified by the limit it broke (if the watchdog stopped it) or the error. */
    static PolicyException of(String name, String hook, PolyglotException e, RunningCall running,
            SandboxContext context) {
        String what = hook + "()";
        PolicyException.Kind breach = running.breach();
        if (e.isCancelled()) {
            context.discard();
        }
        if (e.isInternalError() || (e.isResourceExhausted() && !e.isGuestException())) {
            context.discard();
        }
        if (breach == PolicyException.Kind.TIMEOUT) {
            return new PolicyException(breach, name, what + " ran over its time limit of "
                    + running.limits().timeout().toMillis() + "ms");
        }
        if (breach == PolicyException.Kind.ALLOCATION_LIMIT || e.isResourceExhausted() && !isStatementLimit(e)) {
            return new PolicyException(PolicyException.Kind.ALLOCATION_LIMIT, name, what
                    + " ran over its allocation limit of " + (running.limits().maxAllocation() >> 20) + "MB"
                    + (e.isResourceExhausted() ? " (" + e.getMessage() + ")" : ""));
        }
        if (isStatementLimit(e)) {
            return new PolicyException(PolicyException.Kind.STATEMENT_LIMIT, name, what
                    + " ran over its limit of " + running.limits().maxStatements() + " statements");
        }
        if (e.isHostException()) {
            // A write to a view of the request or ctx, or the gateway's code failing while a view
            // made a member the policy read.
            return new PolicyException(PolicyException.Kind.THREW, PolicySources.location(name, e),
                    what + " threw " + e.asHostException().getMessage());
        }
        if (e.isGuestException()) {
            return new PolicyException(PolicyException.Kind.THREW, PolicySources.location(name, e),
                    what + " threw " + readable(String.valueOf(e.getMessage())));
        }
        return new PolicyException(PolicyException.Kind.ENGINE, name, what + " failed in the engine: " + e.getMessage());
    }

    /** GraalJS's words for a write to one of {@code ctx}'s fact objects ({@link PolicyFacts}), in the gateway's. */
    static String readable(String message) {
        return message
                .replaceAll("writeMember \\((.*?)\\) on " + FACTS + " failed due to: .*",
                        "policy arguments are read-only: cannot set $1 (return a decision to change the request)")
                .replaceAll("Cannot delete property \"(.*?)\" of JavaObject\\[" + FACTS + "]",
                        "policy arguments are read-only: cannot delete $1 (return a decision to change the request)");
    }

    private static boolean isStatementLimit(PolyglotException e) {
        return e.isCancelled() && e.getMessage() != null && e.getMessage().contains("Statement count limit");
    }

}
