package dev.sluice.plugins.audit.sql;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names of the two tables a sink writes: the records ({@code sluice_audit}) and the
 * guardrails that fired on them ({@code sluice_audit_guardrails}). Names are written into SQL
 * unquoted, so they must be plain identifiers; short enough that every index name derived from
 * them stays within PostgreSQL's 63 characters.
 *
 * @param records the records' table
 * @param guardrails the guardrail triggers' table
 */
record Tables(String records, String guardrails) {
    /** The default records table. */
    static final String DEFAULT = "sluice_audit";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

    /** The tables for a records table name; empty when the name is not a plain identifier. */
    static Optional<Tables> named(String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Tables(table, table + "_guardrails"));
    }

    /** What a valid name looks like, for error messages. */
    static String rule() {
        return "a plain SQL identifier: a letter or _ then letters, digits or _, at most 40 characters";
    }

    /** The name of one of this table's indexes. */
    String index(String suffix) {
        return records + "_" + suffix;
    }
}
