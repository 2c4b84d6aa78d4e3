package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code deny}, {@code deny_patterns}, {@code allow} and {@code allow_patterns} into a
 * {@link DenyRule}, checking every entry: terms must have something to match and be listed once,
 * patterns must compile and must not backtrack catastrophically, ids must be unique.
 */
final class DenySettings {
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_.:-]+");

    private DenySettings() {
    }

    static Optional<DenyRule> read(Settings s, Action action, StepBudget budget) {
        Map<String, String> ids = new HashMap<>(); // id -> where it was defined
        List<String> denyTerms = new ArrayList<>();
        List<DenyRule.Entry> entries = new ArrayList<>();
        Map<String, String> denyKeys = new HashMap<>();
        for (Item item : Item.of(s, "deny")) {
            String term;
            String id;
            Action own;
            if (item.scalar().isPresent()) {
                term = item.scalar().get();
                id = null;
                own = action;
            } else {
                item.rejectUnknown(Set.of("word", "id", "action"));
                term = item.required("word");
                id = item.settings().string("id").orElse(null);
                own = Actions.read(item.settings(), "action", Actions.ANY, action);
            }
            String key = termKey(item, term, item.scalar().isPresent() ? "" : "word");
            String previous = denyKeys.putIfAbsent(key, item.path());
            if (previous != null) {
                throw item.error("the same term is already listed at " + previous);
            }
            id = id == null ? slug(key) : checkedId(item, id);
            claim(ids, id, item);
            denyTerms.add(term);
            entries.add(new DenyRule.Entry(id, own));
        }
        List<DenyRule.PatternEntry> patterns = new ArrayList<>();
        List<Item> patternItems = Item.of(s, "deny_patterns");
        for (int i = 0; i < patternItems.size(); i++) {
            Item item = patternItems.get(i);
            String source;
            String id;
            Action own;
            if (item.scalar().isPresent()) {
                source = item.scalar().get();
                id = "pattern-" + i;
                own = action;
            } else {
                item.rejectUnknown(Set.of("pattern", "id", "action"));
                source = item.required("pattern");
                id = item.settings().string("id").map(v -> checkedId(item, v)).orElse("pattern-" + i);
                own = Actions.read(item.settings(), "action", Actions.ANY, action);
            }
            claim(ids, id, item);
            patterns.add(new DenyRule.PatternEntry(id, compile(item, source, item.scalar().isPresent() ? "" : "pattern"),
                    own));
        }
        List<String> allowTerms = new ArrayList<>();
        Map<String, String> allowKeys = new HashMap<>();
        for (Item item : Item.of(s, "allow")) {
            String term = item.scalar().orElseThrow(() -> item.error("expected a word or phrase"));
            String key = termKey(item, term, "");
            if (denyKeys.containsKey(key)) {
                throw item.error("the same term is denied at " + denyKeys.get(key)
                        + "; allow a longer phrase that contains it instead");
            }
            String previous = allowKeys.putIfAbsent(key, item.path());
            if (previous != null) {
                throw item.error("the same term is already listed at " + previous);
            }
            allowTerms.add(term);
        }
        List<BoundedPattern> allowPatterns = new ArrayList<>();
        for (Item item : Item.of(s, "allow_patterns")) {
            String source = item.scalar().orElseThrow(() -> item.error("expected a regular expression"));
            allowPatterns.add(compile(item, source, ""));
        }
        if (entries.isEmpty() && patterns.isEmpty()) {
            if (!allowTerms.isEmpty() || !allowPatterns.isEmpty()) {
                throw s.error(allowTerms.isEmpty() ? "allow_patterns" : "allow",
                        "nothing to exempt from: add deny or deny_patterns");
            }
            return Optional.empty();
        }
        return Optional.of(new DenyRule(new WordMatcher(denyTerms), entries, patterns, new WordMatcher(allowTerms),
                allowPatterns, budget));
    }

    /** A term's key, or an error naming the entry. */
    static String termKey(Item item, String term, String field) {
        try {
            return WordMatcher.key(term);
        } catch (IllegalArgumentException e) {
            throw field.isEmpty() ? item.error("the term " + e.getMessage()) : item.error(field, e.getMessage());
        }
    }

    private static BoundedPattern compile(Item item, String source, String field) {
        if (source.isEmpty()) {
            throw field.isEmpty() ? item.error("the pattern is empty") : item.error(field, "is empty");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            String problem = "not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "");
            throw field.isEmpty() ? item.error(problem) : item.error(field, problem);
        }
        BoundedPattern bounded = new BoundedPattern(pattern);
        Optional<String> slow = bounded.catastrophicProbe();
        if (slow.isPresent()) {
            String problem = "backtracks catastrophically (" + slow.get() + "); rewrite it without"
                    + " repetition inside repetition, such as (\\w+\\s?){1,50} or (a+?)+";
            throw field.isEmpty() ? item.error(problem) : item.error(field, problem);
        }
        return bounded;
    }

    /** The id of a term without one: its key, spaces as dashes, without the wildcard. */
    static String slug(String key) {
        String body = key.endsWith("*") ? key.substring(0, key.length() - 1) : key;
        return body.replace(' ', '-');
    }

    private static String checkedId(Item item, String id) {
        if (!ID.matcher(id).matches()) {
            throw item.error("id", "expected letters, digits, '_', '.', ':' or '-', got \"" + id + "\"");
        }
        return id;
    }

    private static void claim(Map<String, String> ids, String id, Item item) {
        String previous = ids.putIfAbsent(id, item.path());
        if (previous != null) {
            throw item.error("the rule id \"deny:" + id + "\" is already used at " + previous
                    + "; give one of them another id");
        }
    }
}
