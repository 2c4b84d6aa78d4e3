package dev.sluice.kernel.js;

import java.nio.file.Path;
import java.util.Set;
import org.graalvm.polyglot.Source;

/**
 * One compiled version of a policy file: the wrapped source every pooled context evaluates (the
 * engine parses it once), and the hooks it exports. Versions compare by identity, so that each
 * context keeps one instance of each version.
 *
 * @param path the file
 * @param name the file name, used in messages and stack traces
 * @param text the file's text, to tell a real change from a touch
 * @param source the wrapped source: a function that returns a fresh instance of the policy
 * @param hooks the hooks the file exports: {@code route}, {@code onRequest}, {@code onResponse}
 */
public record PolicyScript(Path path, String name, String text, Source source, Set<String> hooks) {

    public PolicyScript {
        hooks = Set.copyOf(hooks);
    }

    /** Whether the file exports the hook. */
    public boolean has(String hook) {
        return hooks.contains(hook);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
