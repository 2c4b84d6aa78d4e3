package dev.sluice.kernel.audit;

import java.util.Locale;
import java.util.Optional;

/** How much of a prompt the audit record keeps. */
public enum PromptMode {
    /** Nothing: no prompt, no hash. */
    NONE,
    /** The SHA-256 of the canonical prompt: proves what was sent without keeping it. */
    HASH,
    /** The hash and the canonical prompt in clear text. */
    FULL,
    /** The hash and the canonical prompt under AES-GCM; readable only with the key. */
    ENCRYPTED;

    /** The mode named in the configuration ({@code none}, {@code hash}, {@code full}, {@code encrypted}). */
    public static Optional<PromptMode> named(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The configuration name. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
