package dev.sluice.plugins.guardrail.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding.Action;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code rules} check's settings into its rules, checking every value so that mistakes
 * fail at start-up (or reload) with the file, line and path of the bad entry.
 *
 * <pre>{@code
 * - name: house-rules
 *   type: rules
 *   action: block
 *   deny: ["project falcon", { word: kill, action: flag }]
 *   allow: ["kill the process"]
 *   deny_patterns: [{ id: ticket, pattern: "\\bINC-\\d{6}\\b", action: redact }]
 *   topics: [{ name: medical_advice, keywords: [diagnose, prescription, dosage], min_matches: 2 }]
 *   max_prompt_tokens: 8000
 *   injection: { action: block }
 * }</pre>
 */
final class RulesSettings {
    static final Set<String> DEFAULT_IGNORED_ROLES = Set.of("system", "developer");

    private RulesSettings() {
    }

    /** The check the settings describe. */
    static RulesCheck read(Settings s) {
        Action action = Actions.read(s, "action", Actions.ANY, Action.BLOCK);
        StepBudget budget = new StepBudget(s.integer("pattern_steps_per_char").map(v -> {
            if (v < 10 || v > 1_000_000) {
                throw s.error("pattern_steps_per_char", "must be between 10 and 1000000, got " + v);
            }
            return v.longValue();
        }).orElse(StepBudget.DEFAULT_PER_CHAR));
        List<TextRule> rules = new ArrayList<>();
        DenySettings.read(s, action, budget).ifPresent(rules::add);
        topics(s, action).ifPresent(rules::add);
        size(s).ifPresent(rules::add);
        injection(s, budget).ifPresent(rules::add);
        return new RulesCheck(rules);
    }

    private static Optional<TextRule> topics(Settings s, Action action) {
        List<String> keywords = new ArrayList<>();
        Map<String, Integer> keywordIndex = new HashMap<>();
        List<TopicRule.Topic> topics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings t : s.list("topics")) {
            if (!t.json().isObject()) {
                throw t.error("", "expected a mapping with name, keywords, min_matches and action");
            }
            new Item(t, "", Optional.empty()).rejectUnknown(Set.of("name", "keywords", "min_matches", "action"));
            String name = t.requireString("name").strip();
            if (!names.add(name)) {
                throw t.error("name", "another topic is already named \"" + name + "\"");
            }
            List<String> words = t.strings("keywords");
            if (words.isEmpty()) {
                throw t.error("keywords", "required: the words that make a text about this topic");
            }
            BitSet own = new BitSet();
            for (int i = 0; i < words.size(); i++) {
                String key;
                try {
                    key = WordMatcher.key(words.get(i));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(t.locationOf("keywords"), t.pathOf("keywords") + "[" + i + "]",
                            "the keyword " + e.getMessage());
                }
                Integer known = keywordIndex.get(key);
                int index = known != null ? known : keywords.size();
                if (known == null) {
                    keywordIndex.put(key, index);
                    keywords.add(words.get(i));
                }
                if (own.get(index)) {
                    throw new ConfigException(t.locationOf("keywords"), t.pathOf("keywords") + "[" + i + "]",
                            "the same keyword is listed twice in this topic");
                }
                own.set(index);
            }
            int min = t.integer("min_matches").orElse(1);
            if (min < 1 || min > own.cardinality()) {
                throw t.error("min_matches", "must be between 1 and the number of keywords (" + own.cardinality()
                        + "), got " + min);
            }
            Action topicAction;
            if (t.has("action")) {
                topicAction = Actions.read(t, "action", Actions.WHOLE, Action.BLOCK);
            } else if (Actions.WHOLE.contains(action)) {
                topicAction = action;
            } else {
                throw t.error("action", "required here: the check's action is \"" + Actions.name(action)
                        + "\", which cannot apply to a whole text; choose flag, retry or block");
            }
            topics.add(new TopicRule.Topic(name, own, min, topicAction));
        }
        return topics.isEmpty() ? Optional.empty() : Optional.of(new TopicRule(new WordMatcher(keywords), topics));
    }

    private static Optional<TextRule> size(Settings s) {
        Optional<JsonNode> value = s.json("max_prompt_tokens");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        long limit;
        Action action;
        if (value.get().isObject()) {
            Settings m = s.child("max_prompt_tokens").orElseThrow();
            new Item(m, "", Optional.empty()).rejectUnknown(Set.of("limit", "action"));
            limit = m.integer("limit").orElseThrow(() -> m.error("limit", "required: the most tokens a message may have"));
            action = Actions.read(m, "action", Actions.FLAG_OR_BLOCK, Action.BLOCK);
            if (limit < 1) {
                throw m.error("limit", "must be at least 1, got " + limit);
            }
        } else {
            limit = s.integer("max_prompt_tokens").orElseThrow();
            action = Action.BLOCK;
            if (limit < 1) {
                throw s.error("max_prompt_tokens", "must be at least 1, got " + limit);
            }
        }
        return Optional.of(new SizeRule(limit, action));
    }

    private static Optional<TextRule> injection(Settings s, StepBudget budget) {
        Optional<JsonNode> value = s.json("injection");
        if (value.isEmpty()) {
            return Optional.of(new InjectionRule(Action.FLAG, DEFAULT_IGNORED_ROLES, budget));
        }
        if (!value.get().isObject()) {
            boolean on = s.bool("injection").orElseThrow();
            return on ? Optional.of(new InjectionRule(Action.FLAG, DEFAULT_IGNORED_ROLES, budget)) : Optional.empty();
        }
        Settings m = s.child("injection").orElseThrow();
        new Item(m, "", Optional.empty()).rejectUnknown(Set.of("action", "ignore_roles"));
        Action action = Actions.read(m, "action", Actions.FLAG_OR_BLOCK, Action.FLAG);
        Set<String> roles = m.has("ignore_roles") ? Set.copyOf(m.strings("ignore_roles")) : DEFAULT_IGNORED_ROLES;
        return Optional.of(new InjectionRule(action, roles, budget));
    }
}
