package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding.Action;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads an {@code action} setting, limited to the actions that make sense for a rule. */
final class Actions {
    /** Every action: for rules that find spans of the text. */
    static final Set<Action> ANY = EnumSet.allOf(Action.class);
    /** No redact: for rules about the whole text, which has no span to replace. */
    static final Set<Action> WHOLE = EnumSet.of(Action.FLAG, Action.RETRY, Action.BLOCK);
    /** Flag or block only. */
    static final Set<Action> FLAG_OR_BLOCK = EnumSet.of(Action.FLAG, Action.BLOCK);

    private Actions() {
    }

    /** The action under {@code key}, or {@code fallback} when absent. */
    static Action read(Settings settings, String key, Set<Action> allowed, Action fallback) {
        return settings.string(key).map(value -> parse(settings, key, value, allowed)).orElse(fallback);
    }

    private static Action parse(Settings settings, String key, String value, Set<Action> allowed) {
        Action action = Arrays.stream(Action.values())
                .filter(a -> a.name().equalsIgnoreCase(value.strip()))
                .findFirst()
                .orElseThrow(() -> settings.error(key, "expected one of " + names(allowed) + ", got \"" + value + "\""));
        if (!allowed.contains(action)) {
            throw settings.error(key, "\"" + name(action) + "\" does not apply here; expected one of " + names(allowed));
        }
        return action;
    }

    static String name(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    private static String names(Set<Action> actions) {
        return actions.stream().map(Actions::name).collect(Collectors.joining(", "));
    }
}
