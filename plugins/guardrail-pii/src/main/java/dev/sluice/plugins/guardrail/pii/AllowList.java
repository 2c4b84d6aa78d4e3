package dev.sluice.plugins.guardrail.pii;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values never reported, such as a support address: literals compared without regard to case
 * (and, for numbers written in groups, without regard to spaces, dashes, dots and parentheses),
 * and regular expressions that must match the whole value.
 */
final class AllowList {
    static final AllowList NONE = new AllowList(Set.of(), List.of());
    private static final Set<Kind> GROUPED = EnumSet.of(Kind.PHONE, Kind.CREDIT_CARD, Kind.IBAN, Kind.SSN);

    private final Set<String> literals;
    private final Set<String> compactLiterals;
    private final List<Pattern> patterns;

    AllowList(Set<String> literals, List<Pattern> patterns) {
        this.literals = Set.copyOf(literals.stream().map(AllowList::literalKey).toList());
        this.compactLiterals = Set.copyOf(literals.stream().map(AllowList::compact).toList());
        this.patterns = List.copyOf(patterns);
    }

    boolean isEmpty() {
        return literals.isEmpty() && patterns.isEmpty();
    }

    /** Whether the matched value is allowed. */
    boolean allows(String text, Hit hit) {
        String value = text.substring(hit.start(), hit.end());
        if (literals.contains(literalKey(value))
                || (GROUPED.contains(hit.kind()) && compactLiterals.contains(compact(value)))) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String literalKey(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** A grouped number without its separators: "+1 (555) 010-9999" → "+15550109999". */
    static String compact(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
