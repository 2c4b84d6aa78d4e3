package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.ContentPart;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.Tool;
import dev.sluice.spi.model.ToolCall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request as a policy sees it: its read-only view reads exactly as the JSON Jackson writes for
 * the request, member by member and in the same order.
 */
class ReadOnlyBeansTest {
    private static final String RICH = """
            {"model":"chat","messages":[{"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"What is this?"},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                "function":{"name":"lookup","arguments":"{\\"q\\":\\"x\\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"42","name":"lookup"}],
             "tools":[{"type":"function","function":{"name":"lookup","description":"Looks up",
               "parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]},"strict":true}}],
             "tool_choice":{"type":"function","function":{"name":"lookup"}},"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}},
             "stream":true,"stream_options":{"include_usage":true},"temperature":0.7,"top_p":1.0,"max_tokens":100,
             "max_completion_tokens":200,"stop":["\\n\\n","END"],"n":2,"seed":12345678901,"presence_penalty":-0.5,
             "frequency_penalty":0,"user":"u-1","metadata":{"feature":"search","nested":{"a":[1,2.5,null,true]}},
             "logprobs":false,"reasoning_effort":"low"}""";

    /** Prints what the policy sees: every key in order, every value, as JSON. */
    private static final String SHOW = "export function route(request, ctx) { return JSON.stringify(request); }\n";

    @TempDir
    Path dir;

    private String seen(Object argument) {
        PolicyHandle handle = Scripts.load(dir, "show.js", SHOW);
        return Scripts.engine().call(handle.current(), "route", () -> argument, Scripts::context,
                PolicyLimits.DEFAULT, label -> Optional.empty()).result().asText();
    }

    @Test
    void theRequestRecordsAreViewedPropertyByProperty() {
        for (Class<?> type : List.of(ChatRequest.class, Message.class, ContentPart.class, ToolCall.class, Tool.class,
                EmbeddingRequest.class)) {
            assertThat(ReadOnlyBeans.byProperty(type)).as(type.getSimpleName()).isTrue();
        }
        assertThat(ReadOnlyBeans.byProperty(Content.class)).as("written by its own serializer").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"model":"chat","messages":[{"role":"user","content":"hi"}]}""",
        RICH,
        """
        {"messages":[{"role":"user","content":"no model","x_extra":{"k":"v"}}],"stop":"END","custom":null}"""
    })
    void aChatRequestReadsAsItsJson(String json) throws IOException {
        ChatRequest request = Json.read(json, ChatRequest.class);
        String view = seen(ReadOnlyBeans.of(request));

        assertThat(view).isEqualTo(seen(Json.mapper().valueToTree(request)));
        JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsString(request));
        assertThat(Json.mapper().readTree(view).equals(SAME_NUMBER, written)).as(view).isTrue();
    }

    /** JavaScript writes 1.0 as 1: numbers are equal by value. */
    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    @Test
    void nothingButPrimitivesAndReadOnlyViewsIsReachable() throws IOException {
        ChatRequest request = Json.read(RICH, ChatRequest.class);
        List<Object> leaves = new ArrayList<>();

        walk(ReadOnlyBeans.of(request), leaves);

        assertThat(leaves).hasSizeGreaterThan(50).allSatisfy(leaf -> assertThat(leaf == null || leaf instanceof String
                || leaf instanceof Boolean || leaf instanceof Integer || leaf instanceof Long || leaf instanceof Double)
                .as("%s", leaf == null ? null : leaf.getClass()).isTrue());
    }

    private static void walk(Object value, List<Object> leaves) {
        if (value instanceof ProxyObject object) {
            assertThat(ReadOnlyJson.isView(object)).isTrue();
            ProxyArray keys = (ProxyArray) object.getMemberKeys();
            for (long i = 0; i < keys.getSize(); i++) {
                walk(object.getMember((String) keys.get(i)), leaves);
            }
        } else if (value instanceof ProxyArray array) {
            assertThat(ReadOnlyJson.isView(array)).isTrue();
            for (long i = 0; i < array.getSize(); i++) {
                walk(array.get(i), leaves);
            }
        } else {
            leaves.add(value);
        }
    }

    @Test
    void aRequestWithManyUnknownFieldsIsViewedInLinearTime() throws IOException {
        StringBuilder json = new StringBuilder("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]");
        for (int i = 0; i < 100_000; i++) {
            json.append(",\"f").append(i).append("\":").append(i);
        }
        ChatRequest request = Json.read(json.append('}').toString(), ChatRequest.class);
        PolicyHandle handle = Scripts.load(dir, "count.js",
                "export function route(request, ctx) { return request.model + ':' + request.f99999; }\n");

        // A quadratic key list would take minutes here.
        Outcome outcome = Scripts.engine().call(handle.current(), "route", () -> ReadOnlyBeans.of(request),
                Scripts::context, PolicyLimits.DEFAULT, label -> Optional.empty());

        assertThat(outcome.result().asText()).isEqualTo("chat:99999");
        assertThat(((ProxyArray) ((ProxyObject) ReadOnlyBeans.of(request)).getMemberKeys()).getSize())
                .isEqualTo(100_002);
    }

    @Test
    void anEmbeddingRequestReadsAsItsJson() throws IOException {
        for (String json : new String[] {
            "{\"model\":\"embed\",\"input\":\"one text\"}",
            "{\"model\":\"embed\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"dimensions\":256,\"user\":\"u\"}",
            "{\"model\":\"embed\",\"input\":[[1,2,3]],\"extra_field\":[1]}"}) {
            EmbeddingRequest request = Json.read(json, EmbeddingRequest.class);
            assertThat(seen(ReadOnlyBeans.of(request))).isEqualTo(seen(Json.mapper().valueToTree(request)));
        }
    }

    @Test
    void theViewIsReadOnlyAndKeepsWhatWasRead() throws IOException {
        ChatRequest request = Json.read("""
                {"model":"chat","messages":[{"role":"user","content":"hi"}],"metadata":{"a":1}}""", ChatRequest.class);
        PolicyHandle handle = Scripts.load(dir, "write.js", """
                export function route(request, ctx) {
                  const tried = [];
                  for (const write of [() => { request.model = "x"; }, () => { delete request.messages; },
                      () => { request.messages.push({}); }, () => { request.messages[0].content = "x"; },
                      () => { request.metadata.a = 2; }, () => { request.injected = 1; }]) {
                    try { write(); tried.push("wrote"); } catch (e) { tried.push(e.name); }
                  }
                  return JSON.stringify([tried, request.messages === request.messages,
                      request.messages[0] === request.messages[0], request.model, request.messages.length,
                      request.messages[0].content, request.metadata.a, "injected" in request, "tools" in request]);
                }
                """);
        String seen = Scripts.engine().call(handle.current(), "route", () -> ReadOnlyBeans.of(request),
                Scripts::context, PolicyLimits.DEFAULT, label -> Optional.empty()).result().asText();

        assertThat(seen).isEqualTo("[[\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\","
                + "\"TypeError\"],true,true,\"chat\",1,\"hi\",1,false,false]");
    }

    /** A record that counts the reads of each property. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counted(String first, String second, String absent, AtomicIntegerArray reads) {
        @Override
        public String first() {
            reads.incrementAndGet(0);
            return first;
        }

        @Override
        public String second() {
            reads.incrementAndGet(1);
            return second;
        }

        @Override
        public String absent() {
            reads.incrementAndGet(2);
            return absent;
        }

        @Override
        @JsonIgnore
        public AtomicIntegerArray reads() {
            return reads;
        }
    }

    /** The same, where the gateway cannot call its accessors directly: Jackson reads them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hidden(String first, String second) {
    }

    @Test
    void aPropertyIsReadWhenThePolicyFirstAsksForIt() {
        AtomicIntegerArray reads = new AtomicIntegerArray(3);
        Counted counted = new Counted("one", "two", null, reads);
        PolicyHandle handle = Scripts.load(dir, "lazy.js", """
                export function route(request, ctx) {
                  const first = request.first + request.first;
                  const absent = "absent" in request;
                  ctx.log(first, absent);
                  return JSON.stringify(Object.keys(request));
                }
                """);
        Object view = ReadOnlyBeans.of(counted);
        assertThat(reads.toString()).isEqualTo("[0, 0, 0]");

        Outcome outcome = Scripts.engine().call(handle.current(), "route", () -> view, Scripts::context,
                PolicyLimits.DEFAULT, label -> Optional.empty());

        assertThat(outcome.logs()).containsExactly("oneone false");
        // Each property once: first and absent when asked for, second when the keys were listed.
        assertThat(reads.toString()).isEqualTo("[1, 1, 1]");
        assertThat(outcome.result().asText()).isEqualTo("[\"first\",\"second\"]");
        assertThat(seen(ReadOnlyBeans.of(new Hidden("a", null)))).isEqualTo("{\"first\":\"a\"}");
        assertThat(ReadOnlyBeans.byProperty(Hidden.class)).isTrue();
        // The request's records are read by direct calls of their accessors; a class the gateway
        // cannot link to (not public) through Jackson.
        assertThat(ReadOnlyBeans.linked(ChatRequest.class)).isTrue();
        assertThat(ReadOnlyBeans.linked(Message.class)).isTrue();
        assertThat(ReadOnlyBeans.linked(Counted.class)).isTrue();
        assertThat(ReadOnlyBeans.linked(Hidden.class)).isFalse();
    }

    /** A record whose accessor fails. */
    public record Broken(String field) {
        @Override
        public String field() {
            throw new IllegalStateException("broken accessor");
        }
    }

    @Test
    void anExceptionFromTheGatewayCannotCarryAnythingToTheNextCall() {
        PolicyHandle handle = Scripts.load(dir, "catch.js", """
                export function route(request, ctx) {
                  let caught;
                  try { request.field; } catch (e) { caught = e; }
                  const prototype = Object.getPrototypeOf(caught);
                  const seen = [String(caught.stash), String(prototype.stash), Object.isFrozen(prototype)];
                  for (const attempt of [() => { prototype.stash = 1; },
                      () => { Object.defineProperty(prototype, "toString", { value: () => "hijacked" }); },
                      () => { Object.setPrototypeOf(prototype, { stash: 1 }); }]) {
                    try { attempt(); seen.push("took"); } catch (e) { seen.push(e.name); }
                  }
                  return JSON.stringify(seen);
                }
                """);
        for (int i = 0; i < 3; i++) {
            Outcome outcome = Scripts.engine().call(handle.current(), "route", () -> new Broken("x"),
                    Scripts::context, PolicyLimits.DEFAULT, label -> Optional.empty());
            assertThat(outcome.result().asText())
                    .isEqualTo("[\"undefined\",\"undefined\",true,\"TypeError\",\"TypeError\",\"TypeError\"]");
        }
    }
}
