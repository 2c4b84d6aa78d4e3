package dev.sluice.spi;

import dev.sluice.spi.config.Settings;

/**
 * One place a model route can send a request: a provider and the upstream model name.
 *
 * @param provider the configured provider name
 * @param model the model name sent upstream
 * @param weight the share of traffic for weighted strategies; 0 means fallback only
 * @param settings the target's other settings, for strategies that read them (e.g. a price)
 */
public record Target(String provider, String model, int weight, Settings settings) {

    /** A short label for logs, headers and errors: {@code provider/model}. */
    public String label() {
        return provider + "/" + model;
    }

    /** Whether a name is this target's {@link #label()}, told without building the label. */
    public boolean hasLabel(String name) {
        int slash = provider.length();
        return name != null && name.length() == slash + 1 + model.length() && name.charAt(slash) == '/' && name.startsWith(provider)
                && name.startsWith(model, slash + 1);
    }
}
