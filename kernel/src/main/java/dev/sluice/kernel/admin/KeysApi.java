package dev.sluice.kernel.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.auth.KeyJson;
import dev.sluice.kernel.auth.KeyStore;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.kernel.GatewayRuntime;
import java.util.function.Supplier;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Virtual keys, behind the master key: {@code POST /admin/keys} issues one (the response is the
 * only time the key is shown), {@code GET /admin/keys} and {@code GET /admin/keys/{id}} list and
 * show them (never the key, only its prefix), {@code PATCH /admin/keys/{id}} changes their
 * fields, {@code POST /admin/keys/{id}/revoke} and {@code DELETE /admin/keys/{id}} revoke them.
 */
public final class KeysApi {
    private static final Logger LOG = Logger.getLogger(KeysApi.class.getName());
    private static final long MAX_BODY = 64 * 1024;

    private final KeyStore keys;
    private final AdminGuard guard;

    /**
     * @param runtime the runtime serving new requests now (its {@code auth.master_key} guards the routes)
     * @param keys the gateway's keys
     */
    public KeysApi(Supplier<GatewayRuntime> runtime, KeyStore keys) {
        this.keys = keys;
        this.guard = new AdminGuard(runtime);
    }

    /** Adds the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.post("/admin/keys", guard.strict(this::create))
                .get("/admin/keys", guard.strict(this::list))
                .get("/admin/keys/{id}", guard.strict(this::show))
                .patch("/admin/keys/{id}", guard.strict(this::update))
                .post("/admin/keys/{id}/revoke", guard.strict(this::revoke))
                .delete("/admin/keys/{id}", guard.strict(this::revoke));
    }

    private void create(ServerRequest req, ServerResponse res) {
        KeyStore.Issued issued = keys.create(body(req));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("key", issued.secret());
        out.setAll(KeyJson.view(issued.key()));
        LOG.info("virtual key " + issued.key().id() + " (" + issued.key().prefix() + "…) issued");
        res.status(Status.CREATED_201);
        send(res, out);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        keys.all().forEach(k -> data.add(KeyJson.view(k)));
        send(res, out);
    }

    private void show(ServerRequest req, ServerResponse res) {
        String id = id(req);
        send(res, KeyJson.view(keys.byId(id).orElseThrow(() -> notFound(id))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        send(res, KeyJson.view(keys.update(id(req), body(req))));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        var key = keys.revoke(id(req));
        LOG.info("virtual key " + key.id() + " revoked");
        send(res, KeyJson.view(key));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static GatewayException notFound(String id) {
        return new GatewayException(ErrorType.NOT_FOUND, "no key with id '" + id + "'").withCode("key_not_found");
    }

    private static JsonNode body(ServerRequest req) {
        try {
            byte[] bytes = req.content().inputStream().readNBytes((int) MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new GatewayException(ErrorType.REQUEST_TOO_LARGE, "the body is larger than 64KB");
            }
            JsonNode node = bytes.length == 0 ? Json.mapper().createObjectNode() : Json.tree(bytes);
            if (node == null || !node.isObject()) {
                throw new GatewayException(ErrorType.INVALID_REQUEST, "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "the body is not valid JSON");
        }
    }

    static void send(ServerResponse res, JsonNode body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }
}
