package dev.sluice.kernel.js;

import java.util.Optional;
import java.util.Set;

/**
 * What a user of a policy file needs it to export: a routing strategy needs {@code route}, a chain
 * step needs {@code onRequest} or {@code onResponse}. Checked on load and on every reload, so a
 * reload cannot take away a hook in use.
 *
 * @param user who needs it, for messages (e.g. {@code routing strategy of model chat})
 * @param anyOf the hooks of which at least one must be exported
 */
public record HookRequirement(String user, Set<String> anyOf) {

    public HookRequirement {
        anyOf = Set.copyOf(anyOf);
    }

    /** The problem, if the hooks do not satisfy the requirement. */
    Optional<String> check(Set<String> hooks) {
        if (anyOf.stream().anyMatch(hooks::contains)) {
            return Optional.empty();
        }
        String wanted = String.join(" or ", anyOf.stream().sorted().map(h -> h + "()").toList());
        return Optional.of("the " + user + " needs the file to export " + wanted + ", and it exports "
                + (hooks.isEmpty() ? "no hook" : String.join(", ", hooks.stream().sorted().map(h -> h + "()").toList())));
    }
}
