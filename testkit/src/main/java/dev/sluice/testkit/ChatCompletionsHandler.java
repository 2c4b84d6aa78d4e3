package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/chat/completions}: a {@code chat.completion} object, or with
 * {@code "stream": true} the exact chunk sequence OpenAI streams — role chunk, content (or
 * tool-call) chunks, a finish chunk with an empty delta, the usage-only chunk when
 * {@code stream_options.include_usage} is set, then {@code data: [DONE]}.
 */
final class ChatCompletionsHandler implements Handler {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    /** An SSE comment: puts the headers on the wire without a chunk, as some upstreams do while they think. */
    private static final byte[] PROCESSING = ": processing\n\n".getBytes(StandardCharsets.UTF_8);

    private final FakeSettings settings;
    private final RequestLog log;
    private final String systemFingerprint;

    ChatCompletionsHandler(FakeSettings settings, RequestLog log, String systemFingerprint) {
        this.settings = settings;
        this.log = log;
        this.systemFingerprint = systemFingerprint;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) throws InterruptedException {
        long started = System.nanoTime();
        RecordedRequest request = RequestLog.capture(req);
        log.add(request);
        ResponsePlan plan = settings.planForInference();
        RequestGuard.pause(plan.latency());
        Optional<RequestGuard.Rejection> rejection = RequestGuard.check(request, plan, "messages");
        if (rejection.isPresent()) {
            OpenAiHttp.sendError(res, rejection.get().error(), rejection.get().retryAfter(), started);
            return;
        }
        var ids = new OpenAiJson.CompletionIds(OpenAiJson.completionId(), Instant.now().getEpochSecond(),
                request.model(), systemFingerprint);
        int promptTokens = plan.promptTokens() != null ? plan.promptTokens() : countPromptTokens(request.body());
        if (request.isStreaming()) {
            boolean includeUsage = request.body().path("stream_options").path("include_usage").asBoolean(false);
            stream(res, plan, ids, includeUsage, promptTokens, started);
        } else {
            answer(res, plan, ids, promptTokens, started);
        }
    }

    private void answer(ServerResponse res, ResponsePlan plan, OpenAiJson.CompletionIds ids,
                        int promptTokens, long started) {
        ResponsePlan.ToolCall call = plan.toolCall();
        ObjectNode message = call == null
                ? OpenAiJson.textMessage(plan.text())
                : OpenAiJson.toolCallMessage(OpenAiJson.toolCallId(), call);
        ObjectNode usage = OpenAiJson.usage(promptTokens, completionTokens(plan));
        ObjectNode body = OpenAiJson.chatCompletion(ids, message, call == null ? "stop" : "tool_calls", usage);
        OpenAiHttp.sendJson(res, 200, body, started);
    }

    private void stream(ServerResponse res, ResponsePlan plan, OpenAiJson.CompletionIds ids,
                        boolean includeUsage, int promptTokens, long started) {
        ResponsePlan.ToolCall call = plan.toolCall();
        List<ObjectNode> deltas = new ArrayList<>();
        if (call == null) {
            deltas.add(OpenAiJson.roleDelta());
            fragments(plan.text(), plan.chunks(), false).forEach(f -> deltas.add(OpenAiJson.contentDelta(f)));
        } else {
            deltas.add(OpenAiJson.toolCallStartDelta(OpenAiJson.toolCallId(), call.name()));
            fragments(call.argumentsJson(), plan.chunks(), true)
                    .forEach(f -> deltas.add(OpenAiJson.toolCallArgumentsDelta(f)));
        }
        // A tool call's first chunk already names the call, so it counts as content for the gate.
        int holdAfter = call == null && deltas.size() > 1 ? 1 : 0;

        OpenAiHttp.commonHeaders(res, started);
        res.status(200);
        res.header("content-type", OpenAiHttp.EVENT_STREAM);
        try (OutputStream out = res.outputStream()) {
            if (!plan.firstChunkDelay().isZero()) {
                write(out, PROCESSING);
                RequestGuard.pause(plan.firstChunkDelay());
            }
            for (int i = 0; i < deltas.size(); i++) {
                if (i > 0) {
                    RequestGuard.pause(plan.chunkDelay());
                }
                write(out, OpenAiJson.sseEvent(OpenAiJson.chunk(ids, deltas.get(i), null, includeUsage)));
                if (i == holdAfter && plan.gate() != null) {
                    plan.gate().pass();
                }
            }
            RequestGuard.pause(plan.chunkDelay());
            String finishReason = call == null ? "stop" : "tool_calls";
            ObjectNode finish = OpenAiJson.chunk(ids, OpenAiJson.MAPPER.createObjectNode(), finishReason, includeUsage);
            write(out, OpenAiJson.sseEvent(finish));
            if (includeUsage) {
                ObjectNode usage = OpenAiJson.usage(promptTokens, completionTokens(plan));
                write(out, OpenAiJson.sseEvent(OpenAiJson.usageChunk(ids, usage)));
            }
            write(out, DONE);
        } catch (IOException | UncheckedIOException | InterruptedException e) {
            // The client (the gateway) went away or the server is stopping: not a fake failure.
            log.streamAborted();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return;
        } catch (RuntimeException e) {
            // Helidon reports a closed connection with its own unchecked socket exceptions.
            log.streamAborted();
            return;
        }
        log.streamCompleted();
    }

    /** Each SSE event goes out as one write followed by a flush, so it leaves as one unit right away. */
    private static void write(OutputStream out, byte[] event) throws IOException {
        out.write(event);
        out.flush();
    }

    private static List<String> fragments(String text, int chunks, boolean json) {
        if (chunks > 0) {
            return TextChunker.pieces(text, chunks);
        }
        return json ? TextChunker.jsonTokens(text) : TextChunker.words(text);
    }

    private static int completionTokens(ResponsePlan plan) {
        if (plan.completionTokens() != null) {
            return plan.completionTokens();
        }
        ResponsePlan.ToolCall call = plan.toolCall();
        return call == null ? TextChunker.countTokens(plan.text()) : TextChunker.jsonTokens(call.argumentsJson()).size();
    }

    /** One token per word of every text in the messages, whether content is a string or parts. */
    private static int countPromptTokens(JsonNode body) {
        int tokens = 0;
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                tokens += TextChunker.countTokens(content.asText());
            } else {
                for (JsonNode part : content) {
                    tokens += TextChunker.countTokens(part.path("text").asText(""));
                }
            }
        }
        return tokens;
    }
}
