package dev.sluice.kernel.auth;

import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Result;

/** Keeps a keyed call to the models its key allows: anything else gets {@code 403 model_not_allowed}. */
public final class ModelAccessStep implements ChainStep {

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        exchange.attribute(Access.KEY).ifPresent(key -> {
            String model = exchange.request().model();
            if (!key.allows(model)) {
                throw new GatewayException(ErrorType.PERMISSION, "this API key (" + key.id()
                        + ") may not use the model `" + model + "`").withParam("model").withCode("model_not_allowed");
            }
        });
        return chain.proceed(exchange);
    }
}
