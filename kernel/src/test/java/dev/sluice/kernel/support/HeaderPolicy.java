package dev.sluice.kernel.support;

import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Policy;
import dev.sluice.spi.Result;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.config.Settings;

/**
 * A chain step that appends its {@code mark} to the {@code x-trail} response header, so tests can
 * see the order steps ran in; with {@code reject: true} it rejects the request instead.
 */
public class HeaderPolicy implements Policy {

    @Override
    public String name() {
        return System.getProperty("sluice.test.policy-name", "trail");
    }

    @Override
    public ChainStep create(Settings settings, GatewayContext context) {
        String mark = settings.string("mark").orElse("x");
        boolean reject = settings.bool("reject").orElse(false);
        boolean rewrite = settings.bool("rewrite").orElse(false);
        return chain -> {
            if (reject) {
                throw new GatewayException(ErrorType.PERMISSION, "rejected by step " + mark);
            }
            String trail = chain.exchange().responseHeaders().getOrDefault("x-trail", "");
            chain.exchange().responseHeader("x-trail", trail.isEmpty() ? mark : trail + "," + mark);
            Result result = chain.proceed(chain.exchange());
            if (rewrite && result instanceof Result.Chat(ChatResponse response)) {
                return new Result.Chat(response.withModel("rewritten-by-" + mark));
            }
            return result;
        };
    }
}
