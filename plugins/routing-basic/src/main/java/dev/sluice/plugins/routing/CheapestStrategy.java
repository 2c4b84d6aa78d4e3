package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import org.pf4j.Extension;

/**
 * The {@code cheapest} routing strategy: the target with the lowest expected cost for the request
 * first. A target's price (US dollars per million input and output tokens) is its {@code price}
 * setting, else the gateway's price table ({@code context.costs()}). The expected cost is the
 * input price times the prompt's estimated tokens (its characters divided by four) plus the output
 * price times the request's {@code max_tokens}, or {@code expected_output_tokens} (default
 * {@code 500}) when the request sets no cap.
 *
 * <pre>{@code
 * models:
 *   - name: chat
 *     strategy: cheapest
 *     strategy_options:
 *       expected_output_tokens: 300
 *     targets:
 *       - { provider: openai, model: gpt-4o-mini, price: { input: 0.15, output: 0.60 } }
 *       - { provider: anthropic, model: claude-haiku-4-5, price: { input: 1.00, output: 5.00 } }
 *       - { provider: openai, model: gpt-4o }          # priced from the gateway's table
 * }</pre>
 *
 * <p>Order for each request: priced targets cheapest first (ties in configured order), then
 * targets with neither a {@code price} nor a table price in configured order, since their cost is
 * unknown; weight-0 targets after all others; degraded and open targets behind the ready ones (see
 * {@link Standing}). So the cheapest healthy target comes first, and an open one, however cheap,
 * is tried last.
 */
@Extension
public class CheapestStrategy implements RoutingStrategy {
    /** Output tokens to expect of a chat request without {@code max_tokens}. */
    static final String EXPECTED_OUTPUT_TOKENS = "expected_output_tokens";
    static final int DEFAULT_EXPECTED_OUTPUT_TOKENS = 500;

    @Override
    public String name() {
        return "cheapest";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        int expectedOutput = settings.integer(EXPECTED_OUTPUT_TOKENS).orElse(DEFAULT_EXPECTED_OUTPUT_TOKENS);
        if (expectedOutput < 0) {
            throw settings.error(EXPECTED_OUTPUT_TOKENS, "must be 0 or more, got " + expectedOutput);
        }
        Prices prices = ConfiguredPrices.read(route.targets()).or(target -> context.costs()
                .price(target.provider(), target.model()).map(p -> new Price(p.input().doubleValue(),
                        p.output().doubleValue())));
        return new CheapestSelector(route.targets(), prices, expectedOutput, context);
    }
}
