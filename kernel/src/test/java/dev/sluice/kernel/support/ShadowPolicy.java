package dev.sluice.kernel.support;

import dev.sluice.spi.ChainStep;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Policy;
import dev.sluice.spi.config.Settings;

/** A second policy whose name a test can make clash with {@link HeaderPolicy}'s. */
public class ShadowPolicy implements Policy {

    @Override
    public String name() {
        return "shadow";
    }

    @Override
    public ChainStep create(Settings settings, GatewayContext context) {
        return chain -> chain.proceed(chain.exchange());
    }
}
