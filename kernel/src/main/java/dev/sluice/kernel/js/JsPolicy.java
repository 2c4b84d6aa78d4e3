package dev.sluice.kernel.js;

import dev.sluice.spi.ChainStep;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Policy;
import dev.sluice.spi.config.Settings;
import java.util.Set;

/**
 * The {@code js} chain step: a JavaScript policy's {@code onRequest(request, ctx)} may change or
 * reject a request before it is routed, and its {@code onResponse(response, ctx)} may tag the
 * answer.
 * <pre>{@code
 * chain:
 *   - js: { file: agent-cost-guard.js, on_error: fail, timeout: 50ms }
 *   - js: tag-by-feature.js
 * }</pre>
 * {@code on_error: fail} (the default) fails a request whose call fails with a 500;
 * {@code on_error: continue} lets the request through unchanged.
 */
public final class JsPolicy implements Policy {

    @Override
    public String name() {
        return "js";
    }

    @Override
    public ChainStep create(Settings settings, GatewayContext context) {
        PolicySettings policy = PolicySettings.read(settings, context, "continue");
        PolicyEngine engine = PolicyEngine.shared();
        PolicyHandle handle = load(engine, policy, settings,
                new HookRequirement("js chain step", Set.of("onRequest", "onResponse")));
        return new JsPolicyStep(new PolicyCalls(engine, handle, policy, context, PolicyLog.GATEWAY));
    }

    /** Loads the file, turning a load failure into a configuration error that names the file's line. */
    static PolicyHandle load(PolicyEngine engine, PolicySettings policy, Settings settings, HookRequirement need) {
        try {
            return engine.load(policy.file(), need);
        } catch (PolicyException e) {
            throw JsStrategy.configError(settings, e);
        }
    }
}
