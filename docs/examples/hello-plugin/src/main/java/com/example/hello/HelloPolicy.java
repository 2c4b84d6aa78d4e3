package com.example.hello;

import dev.sluice.spi.ChainStep;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Policy;
import dev.sluice.spi.config.Settings;
import org.pf4j.Extension;

/**
 * A chain step that adds {@code x-hello: <greeting>} to every response and, when the caller sent
 * {@code x-sluice-user}, {@code x-hello-user} naming them.
 *
 * <pre>{@code
 * chain:
 *   - hello: { greeting: "hi there" }
 * }</pre>
 */
@Extension
public class HelloPolicy implements Policy {

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public ChainStep create(Settings settings, GatewayContext context) {
        String greeting = settings.string("greeting").orElse("hello");
        return chain -> {
            chain.exchange().responseHeader("x-hello", greeting);
            chain.exchange().caller().user().ifPresent(user -> chain.exchange().responseHeader("x-hello-user", user));
            return chain.proceed(chain.exchange());
        };
    }
}
