package dev.sluice.plugins.guardrail.format;

import static dev.sluice.plugins.guardrail.format.Checks.PERSON_SCHEMA;
import static dev.sluice.plugins.guardrail.format.Checks.check;
import static dev.sluice.plugins.guardrail.format.Checks.inspect;
import static dev.sluice.plugins.guardrail.format.Checks.schemaRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** With no schema configured, the schema a request carries in {@code response_format}. */
class ResponseFormatTest {
    private final GuardrailCheck check = check("{}");

    @Test
    void requestSchemaIsUsedWhenNoneIsConfigured() {
        assertThat(inspect(check, "{\"name\": \"Ada\", \"age\": 36}", schemaRequest(PERSON_SCHEMA))).isEmpty();
        assertThat(inspect(check, "{\"name\": \"Ada\", \"age\": 36.5}", schemaRequest(PERSON_SCHEMA)))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.rule()).isEqualTo("json_schema");
                    assertThat(finding.detail()).contains("$.age: number found, integer expected");
                });
    }

    @Test
    void eachRequestIsHeldToItsOwnSchema() {
        String citySchema = "{\"type\": \"object\", \"required\": [\"city\"], \"additionalProperties\": false, "
                + "\"properties\": {\"city\": {\"type\": \"string\"}}}";

        assertThat(inspect(check, "{\"city\": \"Paris\"}", schemaRequest(citySchema))).isEmpty();
        assertThat(inspect(check, "{\"city\": \"Paris\"}", schemaRequest(PERSON_SCHEMA))).hasSize(1);
        assertThat(inspect(check, "{\"name\": \"Ada\", \"age\": 36}", schemaRequest(citySchema))).hasSize(1);
    }

    @Test
    void nullMembersOfASchemaCount() {
        String nullOnly = "{\"type\": \"object\", \"properties\": {\"note\": {\"const\": null}}}";
        String anything = "{\"type\": \"object\", \"properties\": {\"note\": {}}}";

        assertThat(inspect(check, "{\"note\": \"x\"}", schemaRequest(anything))).isEmpty();
        assertThat(inspect(check, "{\"note\": \"x\"}", schemaRequest(nullOnly))).hasSize(1);
    }

    @Test
    void requestSchemaThatCannotBeUsedStillRequiresJson() {
        String broken = "{\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"whole number\"}}}";

        assertThat(inspect(check, "{\"age\": \"anything\"}", schemaRequest(broken))).isEmpty();
        assertThat(inspect(check, "Ada is 36.", schemaRequest(broken))).extracting(Finding::rule)
                .containsExactly("json_parse");
    }

    @Test
    void requestSchemaCannotMakeTheGatewayFetchAnything() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger fetches = new AtomicInteger();
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String schema = "{\"type\": \"object\", \"properties\": {\"age\": {\"$ref\": \"" + base + "/age.json\"}}}";
            String withId = "{\"$id\": \"" + base + "/root.json\", \"$ref\": \"other.json\"}";

            assertThat(inspect(check, "{\"age\": 36}", schemaRequest(schema))).isEmpty();
            assertThat(inspect(check, "{\"age\": 36}", schemaRequest(withId))).isEmpty();
            assertThat(fetches).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
