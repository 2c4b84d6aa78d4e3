package dev.sluice.kernel.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayedStreamTest {

    private static ChatResponse answer(String json) throws Exception {
        return Json.read(json, ChatResponse.class);
    }

    private static List<ChatChunk> replay(ChatResponse response) {
        List<ChatChunk> chunks = new ArrayList<>();
        try (ReplayedStream stream = new ReplayedStream(response)) {
            for (Optional<ChatChunk> c = stream.next(); c.isPresent(); c = stream.next()) {
                chunks.add(c.get());
            }
        }
        return chunks;
    }

    @Test
    void aTextAnswerReplaysAsChunksThatAssembleBackIntoIt() throws Exception {
        ChatResponse original = answer("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"A long enough answer to be cut into several pieces, with ünïcödé and 😀 too."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":21,"total_tokens":30}}""");

        List<ChatChunk> chunks = replay(original);
        StreamAssembly assembly = new StreamAssembly();
        chunks.forEach(assembly::add);

        assertThat(chunks.size()).isGreaterThan(4);
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage().totalTokens()).isEqualTo(30);
        assertThat(chunks).allSatisfy(c -> assertThat(c.object()).isEqualTo("chat.completion.chunk"));
        assertThat(Json.tree(Json.bytes(assembly.response()))).isEqualTo(Json.tree(Json.bytes(original)));
    }

    @Test
    void toolCallsReplayNameFirstThenArguments() throws Exception {
        ChatResponse original = answer("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  "finish_reason":"tool_calls"}]}""");

        List<ChatChunk> chunks = replay(original);
        StreamAssembly assembly = new StreamAssembly();
        chunks.forEach(assembly::add);

        assertThat(chunks.get(1).choices().get(0).delta().toolCalls().get(0).function().name()).isEqualTo("weather");
        assertThat(chunks.get(1).choices().get(0).delta().toolCalls().get(0).index()).isZero();
        assertThat(assembly.response().choices().get(0).message().toolCalls().get(0).function().arguments())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(assembly.response().choices().get(0).message().content()).isNull();
        assertThat(assembly.response().choices().get(0).finishReason()).isEqualTo("tool_calls");
    }
}
