package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.kernel.route.RouteSwitch;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a policy file's hooks on made-up requests, through the same code the gateway uses, and
 * reports the decisions: for {@code sluice policy test} and for tests of policies.
 *
 * <pre>{@code
 * PolicyTester tester = PolicyTester.of(Path.of("policies/tier-routing.js"));
 * RouteVerdict verdict = tester.route(PolicyProbe.of(json).withTargets(List.of("openai/gpt-4o", "mock/small")));
 * }</pre>
 * Failures of the policy are thrown as {@link PolicyException}.
 */
public final class PolicyTester {
    private final PolicyEngine engine;
    private final PolicyHandle handle;

    /** A tester on the given engine. */
    public PolicyTester(PolicyEngine engine, Path file) {
        this.engine = engine;
        this.handle = engine.load(file, new HookRequirement("policy test", Set.of("route", "onRequest", "onResponse")));
    }

    /** A tester on the process-wide engine. */
    public static PolicyTester of(Path file) {
        return new PolicyTester(PolicyEngine.shared(), file);
    }

    /** The hooks the file exports. */
    public Set<String> hooks() {
        return handle.current().hooks();
    }

    /** The file's name. */
    public String name() {
        return handle.current().name();
    }

    /**
     * Runs {@code route()}; nothing returned means the route's configured order. A string that
     * names none of the probe's targets is a switch to that model route.
     */
    public RouteVerdict route(PolicyProbe probe) {
        List<String> logs = new ArrayList<>();
        List<Target> targets = probe.targets().stream().map(PolicyTester::target).toList();
        Exchange exchange = exchange(probe);
        Route route = new Route(probe.route().orElse(exchange.request().model()), "js", targets,
                Settings.empty("probe"));
        ProbeContext context = new ProbeContext(probe);
        JsSelector selector = new JsSelector(route, calls(probe, context, logs), context);
        try {
            return new RouteVerdict(selector.order(exchange).stream().map(Target::label).toList(), logs);
        } catch (RouteSwitch wanted) {
            return new RouteVerdict(List.of(), Optional.of(wanted.route()), logs);
        } catch (GatewayException e) {
            throw unwrap(e);
        }
    }

    /** Runs {@code onRequest()}. */
    public RequestVerdict onRequest(PolicyProbe probe) {
        List<String> logs = new ArrayList<>();
        Exchange exchange = exchange(probe);
        ModelRequest before = exchange.request();
        JsPolicyStep step = new JsPolicyStep(calls(probe, new ProbeContext(probe), logs));
        try {
            step.onRequest(handle.current(), exchange);
        } catch (PolicyRejection rejection) {
            return new RequestVerdict(true, Optional.of(rejection.status()), Optional.of(rejection.getMessage()),
                    probe.requestJson(), false, List.of(), logs);
        } catch (GatewayException e) {
            throw unwrap(e);
        }
        return new RequestVerdict(false, Optional.empty(), Optional.empty(), Json.string(exchange.request()),
                exchange.request() != before, added(probe, exchange), logs);
    }

    /** Runs {@code onResponse()} on a response body (a chat completion as JSON). */
    public ResponseVerdict onResponse(PolicyProbe probe, String responseJson) {
        List<String> logs = new ArrayList<>();
        Exchange exchange = exchange(probe);
        JsPolicyStep step = new JsPolicyStep(calls(probe, new ProbeContext(probe), logs));
        JsonNode response;
        try {
            response = Json.mapper().readTree(responseJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the response is not JSON: " + e.getMessage(), e);
        }
        try {
            step.onResponse(handle.current(), exchange, response, true);
        } catch (GatewayException e) {
            throw unwrap(e);
        }
        return new ResponseVerdict(added(probe, exchange), logs);
    }

    private PolicyCalls calls(PolicyProbe probe, ProbeContext context, List<String> logs) {
        PolicySettings settings = new PolicySettings(handle.file(), true, PolicyLimits.DEFAULT, Optional.of(probe.zone()));
        return new PolicyCalls(engine, handle, settings, context, (file, id, line) -> logs.add(line));
    }

    private static List<String> added(PolicyProbe probe, Exchange exchange) {
        List<String> tags = new ArrayList<>(exchange.caller().tags());
        tags.removeAll(probe.caller().tags());
        return tags;
    }

    private static RuntimeException unwrap(GatewayException e) {
        return e.getCause() instanceof PolicyException policy ? policy : e;
    }

    private static Exchange exchange(PolicyProbe probe) {
        ModelRequest request;
        Operation operation;
        try {
            JsonNode tree = Json.mapper().readTree(probe.requestJson());
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("the request must be a JSON object");
            }
            if (tree.has("input") && !tree.has("messages")) {
                request = Json.convert(tree, EmbeddingRequest.class);
                operation = Operation.EMBEDDINGS;
            } else {
                request = Json.convert(tree, ChatRequest.class);
                operation = Operation.CHAT;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the request is not a chat or embeddings request: " + e.getMessage(), e);
        }
        if (request.model() == null) {
            request = request.withModel("default");
        }
        return new Exchange("probe", operation, InboundApi.OPENAI, request, probe.caller(), name -> Optional.empty(),
                probe.now(), System.nanoTime());
    }

    private static Target target(String label) {
        int slash = label.indexOf('/');
        if (slash <= 0 || slash == label.length() - 1) {
            throw new IllegalArgumentException("a target is provider/model, got \"" + label + "\"");
        }
        return new Target(label.substring(0, slash), label.substring(slash + 1), 1, Settings.empty("probe"));
    }
}
