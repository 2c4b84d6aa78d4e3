package dev.sluice.spi.provider;

import dev.sluice.spi.Provider;
import dev.sluice.spi.model.ModelInfo;
import java.time.Clock;
import java.util.List;

/**
 * What every provider made from a configuration entry has: the entry's name, and the models it
 * lists in {@code GET /v1/models}, owned by that name and dated when the provider was made. A
 * subclass adds {@link #chat}, {@link #stream} and, where its upstream serves them, {@link #embed}:
 * <pre>{@code
 * final class AcmeProvider extends ConfiguredProvider {
 *     AcmeProvider(String name, AcmeConfig config, GatewayContext context) {
 *         super(name, config.http().models(), context.clock());
 *         // the upstream client, URIs and headers
 *     }
 * }
 * }</pre>
 * Both are fixed when the provider is made, so reading them is safe from any thread.
 */
public abstract class ConfiguredProvider implements Provider {
    private final String name;
    private final List<ModelInfo> models;

    /**
     * Fixes the name and the models, dated by the clock's present.
     *
     * @param name the provider entry's name
     * @param models the model names to list, in order
     * @param clock the clock that dates the models ({@code created})
     */
    protected ConfiguredProvider(String name, List<String> models, Clock clock) {
        this.name = name;
        long created = clock.instant().getEpochSecond();
        this.models = models.stream().map(id -> ModelInfo.of(id, name, created)).toList();
    }

    /** The provider entry's name. */
    @Override
    public final String name() {
        return name;
    }

    /** The configured models, owned by this provider's name. */
    @Override
    public final List<ModelInfo> models() {
        return models;
    }
}
