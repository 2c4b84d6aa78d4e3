package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Caller;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code js} chain step: {@code onRequest} changes or rejects requests, {@code onResponse} tags answers. */
class JsPolicyTest {
    private static final ChatResponse ANSWER = new ChatResponse("chatcmpl-1", ChatResponse.OBJECT, 0, "gpt-4o",
            List.of(), Usage.of(1200, 30), null, Map.of());

    @TempDir
    Path home;
    private final AtomicReference<Exchange> routed = new AtomicReference<>();

    @BeforeEach
    void policiesFolder() throws IOException {
        Files.createDirectories(home.resolve("policies"));
    }

    private ChainStep step(String file, String text, String settings) throws IOException {
        Files.writeString(home.resolve("policies").resolve(file), text);
        return new JsPolicy().create(Settings.of(Json.mapper().readTree(settings)), new StubContext(home));
    }

    private Result run(ChainStep step, Exchange exchange, Result answer) {
        return step.intercept(new Chain() {
            @Override
            public Exchange exchange() {
                return exchange;
            }

            @Override
            public Result proceed(Exchange current) {
                routed.set(current);
                return answer;
            }
        });
    }

    private static Exchange exchange(ChatRequest request, Caller caller) {
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, request, caller, h -> Optional.empty(),
                Instant.now(), System.nanoTime());
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of("chat", List.of(Message.of("user", text)));
    }

    @Test
    void onRequestCapsTokensChangesTheModelSetsMetadataAndTags() throws IOException {
        ChainStep step = step("shape.js", """
                export function onRequest(request, ctx) {
                  return { model: 'chat-small', max_tokens: 256, metadata: { team: ctx.caller.team }, tags: ['shaped'] };
                }
                """, "{\"file\":\"shape.js\"}");
        Exchange exchange = exchange(ask("hi"), Caller.ANONYMOUS.withTeam("search"));
        run(step, exchange, new Result.Chat(ANSWER));

        ChatRequest sent = routed.get().chatRequest();
        assertThat(sent.model()).isEqualTo("chat-small");
        assertThat(sent.effectiveMaxTokens()).contains(256);
        assertThat(sent.extra().get("metadata").get("team").asText()).isEqualTo("search");
        assertThat(routed.get().caller().tags()).containsExactly("shaped");
        assertThat(routed.get().responseHeaders()).containsEntry("x-sluice-policy-tags", "shaped");
    }

    @Test
    void onRequestRejectsWithItsStatusAndMessage() throws IOException {
        ChainStep step = step("guard.js", """
                export function onRequest(request, ctx) {
                  if (ctx.caller.session) {
                    return { action: 'reject', status: 429, message: 'agent session over budget' };
                  }
                }
                """, "{\"file\":\"guard.js\"}");
        assertThatThrownBy(() -> run(step, exchange(ask("hi"), Caller.ANONYMOUS.withSession("s-1")),
                new Result.Chat(ANSWER)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.getMessage()).isEqualTo("agent session over budget");
                    assertThat(e.code()).contains("policy_rejected");
                });
        assertThat(routed.get()).isNull();
        run(step, exchange(ask("hi"), Caller.ANONYMOUS), new Result.Chat(ANSWER));
        assertThat(routed.get()).isNotNull();
    }

    @Test
    void aFailingOnRequestFailsTheRequestWithA500() throws IOException {
        ChainStep step = step("typo.js", "export function onRequest(request) {\n  return { maxTokens: 5 };\n}\n",
                "{\"file\":\"typo.js\"}");
        assertThatThrownBy(() -> run(step, exchange(ask("hi"), Caller.ANONYMOUS), new Result.Chat(ANSWER)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("typo.js").contains("unknown key \"maxTokens\"");
                });
    }

    @Test
    void withOnErrorContinueAFailingPolicyLetsTheRequestThroughUnchanged() throws IOException {
        ChainStep step = step("loose.js", "export function onRequest() { throw new Error('boom'); }\n",
                "{\"file\":\"loose.js\",\"on_error\":\"continue\"}");
        ChatRequest request = ask("hi");
        run(step, exchange(request, Caller.ANONYMOUS), new Result.Chat(ANSWER));
        assertThat(routed.get().request()).isSameAs(request);
    }

    @Test
    void onResponseTagsACompleteAnswer() throws IOException {
        ChainStep step = step("usage.js", """
                export function onResponse(response, ctx) {
                  return { tags: [response.usage.prompt_tokens > 1000 ? 'prompt:large' : 'prompt:small'] };
                }
                """, "{\"file\":\"usage.js\"}");
        Exchange exchange = exchange(ask("hi"), Caller.ANONYMOUS);
        run(step, exchange, new Result.Chat(ANSWER));
        assertThat(exchange.caller().tags()).containsExactly("prompt:large");
        assertThat(exchange.responseHeaders()).containsEntry("x-sluice-policy-tags", "prompt:large");
    }

    @Test
    void onResponseSeesAStreamsSummaryWhenItEnds() throws IOException {
        ChainStep step = step("stream.js", """
                export function onResponse(response, ctx) {
                  return { tags: ['streamed:' + response.stream, 'finish:' + response.finish_reasons.join('+'),
                      'tokens:' + response.usage.total_tokens] };
                }
                """, "{\"file\":\"stream.js\"}");
        Exchange exchange = exchange(ask("hi"), Caller.ANONYMOUS);
        ChatChunk first = new ChatChunk("c1", ChatChunk.OBJECT, 0, "gpt-4o",
                List.of(new ChunkChoice(0, Message.of("assistant", "Hel"), null, null, Map.of())), null, null, Map.of());
        ChatChunk last = new ChatChunk("c1", ChatChunk.OBJECT, 0, "gpt-4o",
                List.of(new ChunkChoice(0, Message.of("assistant", "lo"), "stop", null, Map.of())), Usage.of(3, 2),
                null, Map.of());
        Result result = run(step, exchange, new Result.Stream(ChunkStream.of(List.of(first, last))));

        ChunkStream chunks = ((Result.Stream) result).chunks();
        assertThat(chunks.next()).containsSame(first);
        assertThat(exchange.caller().tags()).isEmpty();
        assertThat(chunks.next()).containsSame(last);
        assertThat(chunks.next()).isEmpty();
        assertThat(exchange.caller().tags()).containsExactly("streamed:true", "finish:stop", "tokens:5");
    }

    @Test
    void aFileWithOnlyRouteCannotBeAChainStep() throws IOException {
        assertThatThrownBy(() -> step("route-only.js", "export function route() {}\n", "{\"file\":\"route-only.js\"}"))
                .hasMessageContaining("js chain step needs the file to export onRequest() or onResponse()");
    }
}
