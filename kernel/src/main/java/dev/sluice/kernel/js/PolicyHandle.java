package dev.sluice.kernel.js;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A policy file in use: its current good version, swapped atomically when the file changes and
 * the new version compiles and keeps every hook in use. A call reads {@link #current()} once and
 * finishes on that version, however the file changes meanwhile.
 */
public final class PolicyHandle {
    private final Path file;
    private final AtomicReference<PolicyScript> current;
    private final List<HookRequirement> requirements = new CopyOnWriteArrayList<>();

    PolicyHandle(Path file, PolicyScript first) {
        this.file = file;
        this.current = new AtomicReference<>(first);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The version new calls use. */
    public PolicyScript current() {
        return current.get();
    }

    /** Adds a user's requirement, refusing it when the current version does not satisfy it. */
    void require(HookRequirement requirement) {
        Optional<String> problem = requirement.check(current().hooks());
        if (problem.isPresent()) {
            throw new PolicyException(PolicyException.Kind.INVALID, current().name(), problem.get());
        }
        if (!requirements.contains(requirement)) {
            requirements.add(requirement);
        }
    }

    /** The first requirement a candidate version breaks, if any. */
    Optional<String> problemWith(PolicyScript candidate) {
        return requirements.stream().map(r -> r.check(candidate.hooks())).flatMap(Optional::stream).findFirst();
    }

    void swap(PolicyScript next) {
        current.set(next);
    }
}
