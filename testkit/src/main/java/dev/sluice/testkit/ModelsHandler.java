package dev.sluice.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * {@code GET /v1/models}: {@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}.
 * Injected failures do not apply here (a gateway may list models for health checks, which
 * must not eat a "fail next" meant for a completion), but a required API key does.
 */
final class ModelsHandler implements Handler {

    /** A fixed creation time keeps the listing byte-for-byte stable across runs. */
    private static final long CREATED = 1_715_367_049L;

    private final FakeSettings settings;
    private final RequestLog log;

    ModelsHandler(FakeSettings settings, RequestLog log) {
        this.settings = settings;
        this.log = log;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) throws InterruptedException {
        long started = System.nanoTime();
        RecordedRequest request = RequestLog.capture(req);
        log.add(request);
        ResponsePlan plan = settings.planForMetadata();
        RequestGuard.pause(plan.latency());
        if (plan.requiredApiKey() != null) {
            String expected = "Bearer " + plan.requiredApiKey();
            Optional<String> auth = request.header("authorization");
            if (auth.isEmpty() || !auth.get().equals(expected)) {
                OpenAiHttp.sendError(res, auth.isEmpty() ? OpenAiErrors.missingApiKey()
                        : OpenAiErrors.incorrectApiKey(auth.get().replaceFirst("^Bearer ", "")), null, started);
                return;
            }
        }
        ObjectNode root = OpenAiJson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : plan.models()) {
            data.addObject().put("id", id).put("object", "model").put("created", CREATED).put("owned_by", "system");
        }
        OpenAiHttp.sendJson(res, 200, root, started);
    }
}
