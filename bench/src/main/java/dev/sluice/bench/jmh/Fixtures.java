package dev.sluice.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.StreamOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Realistic OpenAI wire bodies, and faithful copies of the few package-private hot-path helpers the
 * benchmarks cannot call (request validation, outbound stream flags, SSE framing).
 *
 * <p>Bodies follow what real clients and api.openai.com send: requests compact (as the SDKs send
 * them), complete answers pretty-printed (as OpenAI sends them), stream chunks compact with
 * {@code "usage": null} on every chunk when {@code include_usage} is on.
 */
final class Fixtures {
    private Fixtures() {
    }

    // ------------------------------------------------------------------ requests

    static final String SYSTEM_PROMPT = "You are Acme Cloud's support assistant. Answer questions about Acme "
            + "Cloud compute, storage and networking products accurately and concisely. If the user asks about "
            + "billing, explain the relevant pricing rules and point them to the billing console at "
            + "https://console.acme.example/billing. Never invent API parameters: when you are not sure, say so "
            + "and suggest opening a ticket. Use the tools you are given to look up documentation and the user's "
            + "resources before answering questions about them. Format answers in Markdown, with code blocks for "
            + "commands and configuration. Keep answers under 300 words unless the user asks for more detail. "
            + "Today's date is 2025-03-10; the user's plan is Business; their region is eu-west-3.";

    static final String USER_PROMPT = "Hi! Our nightly batch job started failing yesterday with \"quota "
            + "exceeded: vcpu (limit 64)\" when it scales the worker pool from 8 to 24 instances of c6.large. "
            + "Nothing changed on our side as far as I know. Can you explain how the vCPU quota is computed, "
            + "whether stopped instances count against it, and how I can request an increase? Also, is there a "
            + "way to get an alert before we hit the limit next time?";

    /** A plain chat request: system + user message (~1 KB of text), typical sampling fields. */
    static final byte[] CHAT_REQUEST = compact("""
            {
              "model": "gpt-4o-mini",
              "messages": [
                {"role": "system", "content": %s},
                {"role": "user", "content": %s}
              ],
              "temperature": 0.2,
              "max_completion_tokens": 512,
              "stream": false,
              "user": "user-4711"
            }""".formatted(quote(SYSTEM_PROMPT), quote(USER_PROMPT)));

    /**
     * An agent turn: the same prompts plus three function tools with JSON-schema parameters, an
     * earlier assistant tool call and its tool answer.
     */
    static final byte[] CHAT_REQUEST_TOOLS = compact("""
            {
              "model": "gpt-4o-mini",
              "messages": [
                {"role": "system", "content": %s},
                {"role": "user", "content": %s},
                {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_Wq3x9TnB2kLmPz7YvR4sJd1A", "type": "function",
                   "function": {"name": "get_quota", "arguments": "{\\"region\\":\\"eu-west-3\\",\\"resource\\":\\"vcpu\\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_Wq3x9TnB2kLmPz7YvR4sJd1A",
                 "content": "{\\"resource\\":\\"vcpu\\",\\"limit\\":64,\\"used\\":58,\\"counts_stopped\\":false}"}
              ],
              "tools": [
                {"type": "function", "function": {
                  "name": "get_quota",
                  "description": "Returns the current quota limit and usage of one resource type in one region.",
                  "parameters": {"type": "object", "properties": {
                    "region": {"type": "string", "description": "Region id, e.g. eu-west-3"},
                    "resource": {"type": "string", "enum": ["vcpu", "gpu", "ip", "volume_gb"]}
                  }, "required": ["region", "resource"], "additionalProperties": false},
                  "strict": true}},
                {"type": "function", "function": {
                  "name": "search_docs",
                  "description": "Full-text search over the Acme Cloud documentation; returns the top passages.",
                  "parameters": {"type": "object", "properties": {
                    "query": {"type": "string"},
                    "product": {"type": "string", "enum": ["compute", "storage", "network", "billing"]},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 10}
                  }, "required": ["query"]}}},
                {"type": "function", "function": {
                  "name": "open_ticket",
                  "description": "Opens a support ticket on behalf of the user.",
                  "parameters": {"type": "object", "properties": {
                    "subject": {"type": "string"},
                    "body": {"type": "string"},
                    "severity": {"type": "string", "enum": ["low", "normal", "high", "urgent"]}
                  }, "required": ["subject", "body"]}}}
              ],
              "tool_choice": "auto",
              "parallel_tool_calls": true,
              "temperature": 0.2,
              "max_completion_tokens": 512,
              "stream": false,
              "user": "user-4711"
            }""".formatted(quote(SYSTEM_PROMPT), quote(USER_PROMPT)));

    static byte[] chatRequest(String variant) {
        return switch (variant) {
            case "plain" -> CHAT_REQUEST;
            case "tools" -> CHAT_REQUEST_TOOLS;
            default -> throw new IllegalArgumentException(variant);
        };
    }

    // ------------------------------------------------------------------ responses

    static final String ANSWER = "The vCPU quota counts the vCPUs of every instance in the region that is "
            + "**running or starting**; stopped instances do not count. A c6.large has 2 vCPUs, so scaling "
            + "from 8 to 24 workers asks for 48 vCPUs on top of what else runs in eu-west-3 (currently 58 of 64 "
            + "in use).\n\nTo raise the limit, open *Quotas* in the console, pick `vcpu` for eu-west-3 and "
            + "request the new value; Business plans are usually approved within an hour.\n\nFor an early "
            + "warning, create a quota alarm:\n\n```sh\nacme quota alarm create --region eu-west-3 --resource "
            + "vcpu --threshold 80%\n```";

    /** A complete text answer, pretty-printed like api.openai.com's. */
    static final byte[] CHAT_RESPONSE = pretty("""
            {
              "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
              "object": "chat.completion",
              "created": 1741570283,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [
                {
                  "index": 0,
                  "message": {"role": "assistant", "content": %s, "refusal": null, "annotations": []},
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": 312, "completion_tokens": 164, "total_tokens": 476,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "service_tier": "default",
              "system_fingerprint": "fp_06737a9306"
            }""".formatted(quote(ANSWER)));

    /** A complete answer that calls two tools in parallel. */
    static final byte[] CHAT_RESPONSE_TOOLS = pretty("""
            {
              "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
              "object": "chat.completion",
              "created": 1741570283,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [
                {
                  "index": 0,
                  "message": {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_3fQh8aLx0PzK2mVt9YcRb1Ns", "type": "function", "function": {"name": "search_docs",
                      "arguments": "{\\"query\\":\\"vcpu quota stopped instances\\",\\"product\\":\\"compute\\",\\"limit\\":3}"}},
                    {"id": "call_7JdWn4Ek1sUqB6rXy2GoTm8C", "type": "function", "function": {"name": "search_docs",
                      "arguments": "{\\"query\\":\\"quota alarm\\",\\"product\\":\\"compute\\",\\"limit\\":3}"}}
                  ], "refusal": null, "annotations": []},
                  "logprobs": null,
                  "finish_reason": "tool_calls"
                }
              ],
              "usage": {
                "prompt_tokens": 512, "completion_tokens": 61, "total_tokens": 573,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "service_tier": "default",
              "system_fingerprint": "fp_06737a9306"
            }""");

    static byte[] chatResponse(String variant) {
        return switch (variant) {
            case "text" -> CHAT_RESPONSE;
            case "toolCalls" -> CHAT_RESPONSE_TOOLS;
            default -> throw new IllegalArgumentException(variant);
        };
    }

    // ------------------------------------------------------------------ stream chunks

    private static final String CHUNK_HEAD = "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\","
            + "\"object\":\"chat.completion.chunk\",\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\",";

    /** The JSON of one content-delta chunk, as OpenAI sends it with {@code include_usage} on. */
    static String contentChunkJson(String token) {
        return CHUNK_HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(token)
                + "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
    }

    /** One typical mid-stream SSE frame: {@code data: {chunk}\n\n}, ~300 bytes. */
    static final byte[] CONTENT_FRAME = sse(contentChunkJson(" quota"));

    /**
     * A whole 100-chunk stream as the upstream sends it: a role chunk, 97 content chunks, the
     * finish chunk, the usage chunk, then {@code data: [DONE]}.
     */
    static final byte[] STREAM_100 = stream100();

    static final int STREAM_CHUNKS = 100;

    private static byte[] stream100() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sse(CHUNK_HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"));
        String[] words = ANSWER.split("(?<= )");
        for (int i = 0; i < 97; i++) {
            out.writeBytes(sse(contentChunkJson(words[i % words.length])));
        }
        out.writeBytes(sse(CHUNK_HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":null}"));
        out.writeBytes(sse(CHUNK_HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":312,\"completion_tokens\":97,"
                + "\"total_tokens\":409,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}"));
        out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] sse(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ copies of package-private code

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    /** The checks of {@code kernel.http.OpenAiRequests.chat} after parsing (happy path). */
    static ChatRequest validate(ChatRequest request) {
        String model = request.model();
        if (model == null || model.isBlank()) {
            throw invalid("you must provide a model parameter");
        }
        List<Message> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            throw invalid("messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw invalid("messages[" + i + "].role");
            }
        }
        if (request.n() != null && request.n() < 1) {
            throw invalid("n");
        }
        return request;
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(ErrorType.INVALID_REQUEST, message);
    }

    /** {@code plugins.openai.OutboundChat.complete}: drops the stream flags for a complete answer. */
    static ChatRequest outboundComplete(ChatRequest request) {
        if (request.stream() == null && request.streamOptions() == null) {
            return request;
        }
        return request.withStream(null).withStreamOptions(null);
    }

    static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    static final String DONE_DATA = "[DONE]";
    static final byte[] DONE_FRAME = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    /** {@code kernel.http.SseRelay.frame}: {@code data: <json>\n\n} in a new array. */
    static byte[] frame(byte[] json) {
        byte[] frame = new byte[PREFIX.length + json.length + 2];
        System.arraycopy(PREFIX, 0, frame, 0, PREFIX.length);
        System.arraycopy(json, 0, frame, PREFIX.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    /** {@code plugins.openai.OutboundChat.streamed} with {@code stream_usage} on. */
    static ChatRequest outboundStreamed(ChatRequest request) {
        StreamOptions options = request.streamOptions();
        options = new StreamOptions(Boolean.TRUE, options == null ? Map.of() : options.extra());
        return request.withStream(Boolean.TRUE).withStreamOptions(options);
    }

    /** The loop of {@code kernel.http.SseRelay.relay} (happy path); returns the chunks written. */
    static int relay(ChunkStream chunks, Fixtures.CountingSink out, Exchange exchange, boolean includeUsage) {
        int n = 0;
        try (chunks) {
            while (true) {
                Optional<ChatChunk> next = chunks.next();
                if (next.isEmpty()) {
                    out.write(Fixtures.DONE_FRAME, 0, Fixtures.DONE_FRAME.length);
                    out.flush();
                    return n;
                }
                ChatChunk chunk = next.get();
                if (chunk.usage() != null) {
                    exchange.usage(chunk.usage());
                    if (!includeUsage) {
                        if (chunk.choices().isEmpty()) {
                            continue;
                        }
                        chunk = chunk.withUsage(null);
                    }
                }
                byte[] frame = Fixtures.frame(Json.bytes(chunk));
                out.write(frame, 0, frame.length);
                out.flush();
                exchange.markFirstToken(System.nanoTime());
                n++;
            }
        }
    }

    /** {@code plugins.openai.OpenAiChunkStream} without the HTTP response. */
    static final class UpstreamChunks implements ChunkStream {
        private final SseReader reader;
        private boolean finished;

        UpstreamChunks(SseReader reader) {
            this.reader = reader;
        }

        @Override
        public Optional<ChatChunk> next() {
            while (!finished) {
                Optional<SseEvent> event = reader.next();
                if (event.isEmpty() || event.get().data().strip().equals(DONE_DATA)) {
                    finished = true;
                    return Optional.empty();
                }
                if (event.get().data().isBlank()) {
                    continue;
                }
                ChatChunk chunk;
                try {
                    chunk = Json.read(event.get().data(), ChatChunk.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                JsonNode error = chunk.extra().get("error");
                if ((error != null && !error.isNull()) || event.get().event().equals("error")) {
                    throw new IllegalStateException("error event");
                }
                return Optional.of(chunk);
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            finished = true;
        }
    }

    // ------------------------------------------------------------------ I/O stand-ins

    /**
     * An endless upstream that delivers the same SSE frame over and over, one frame per
     * {@code read} (as a network socket typically does for small chunks), allocating nothing.
     */
    static final class RepeatingFrames extends InputStream {
        private final byte[] frame;
        private int pos;

        RepeatingFrames(byte[] frame) {
            this.frame = frame;
        }

        @Override
        public int read() {
            byte b = frame[pos];
            pos = (pos + 1) % frame.length;
            return b & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, frame.length - pos);
            System.arraycopy(frame, pos, b, off, n);
            pos = (pos + n) % frame.length;
            return n;
        }
    }

    /** A client socket stand-in: counts what is written and keeps nothing. */
    static final class CountingSink extends OutputStream {
        long bytes;
        int flushes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Fails unless {@code written} means the same as {@code original}, ignoring fields whose value
     * is JSON {@code null} (the wire records write an absent component as no field at all).
     */
    static void requireSameJson(byte[] original, byte[] written) {
        try {
            JsonNode a = withoutNulls(Json.tree(original));
            JsonNode b = withoutNulls(Json.tree(written));
            if (!a.equals(b)) {
                throw new IllegalStateException("round trip changed the JSON:\n" + a + "\n" + b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = Json.mapper().createObjectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Json.mapper().createArrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }

    static String quote(String text) {
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Re-writes JSON text compactly, keeping field order. */
    static byte[] compact(String json) {
        try {
            return Json.mapper().writeValueAsBytes(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Re-writes JSON text pretty-printed, keeping field order. */
    static byte[] pretty(String json) {
        try {
            JsonNode tree = Json.mapper().readTree(json);
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
