package dev.sluice.kernel.js;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.util.Set;

/**
 * The {@code js} routing strategy: a JavaScript policy's {@code route(request, ctx)} orders the
 * route's targets.
 * <pre>{@code
 * models:
 *   - name: chat
 *     strategy: js
 *     strategy_options: { file: tier-routing.js, on_error: default }
 *     targets: [...]
 * }</pre>
 * {@code on_error: fail} (the default) fails a request whose call fails with a 500;
 * {@code on_error: default} uses the route's configured order instead.
 */
public final class JsStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "js";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        PolicySettings policy = PolicySettings.read(settings, context, "default");
        PolicyEngine engine = PolicyEngine.shared();
        PolicyHandle handle = JsPolicy.load(engine, policy, settings,
                new HookRequirement("routing strategy of model " + route.name(), Set.of("route")));
        return new JsSelector(route, new PolicyCalls(engine, handle, policy, context, PolicyLog.GATEWAY), context);
    }

    static ConfigException configError(Settings settings, PolicyException e) {
        return settings.error(settings.has("file") ? "file" : "value", e.getMessage());
    }
}
