package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A Gemini {@code GenerateContentResponse} as an OpenAI chat completion. Each candidate is a
 * choice (at its {@code index}); the id is Gemini's {@code responseId} and the model its
 * {@code modelVersion}, each falling back to a generated id and the requested model. A prompt
 * Gemini blocked ({@code promptFeedback.blockReason}, no candidates) is an answer, not an error:
 * one empty choice finishing with {@code content_filter}, as OpenAI reports filtered output.
 * Pure: JSON in, JSON out.
 */
final class GeminiAnswers {

    private GeminiAnswers() {
    }

    /**
     * Translates an answer.
     *
     * @param answer the upstream's JSON
     * @param requestModel the model the request named, for answers that name none
     * @param created the creation time to report, seconds since the epoch
     * @param ids where missing ids come from
     */
    static ChatResponse chatResponse(JsonNode answer, String requestModel, long created, Ids ids) {
        List<Choice> choices = new ArrayList<>();
        JsonNode candidates = answer.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            choices.add(choice(candidates.get(i), i, ids));
        }
        choices.sort(Comparator.comparingInt(Choice::index));
        if (choices.isEmpty()) {
            String reason = answer.path("promptFeedback").hasNonNull("blockReason")
                    ? GeminiFinishReasons.CONTENT_FILTER : "stop";
            choices.add(new Choice(0, assistant(""), reason, null, Map.of()));
        }
        return new ChatResponse(id(answer, ids), ChatResponse.OBJECT, created, model(answer, requestModel), choices,
                GeminiUsage.of(answer.get("usageMetadata")), null, Map.of());
    }

    /** The answer's {@code responseId}, or a new one. */
    static String id(JsonNode answer, Ids ids) {
        JsonNode id = answer.path("responseId");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : ids.completionId();
    }

    /** The answer's {@code modelVersion}, or the requested model. */
    static String model(JsonNode answer, String requestModel) {
        JsonNode version = answer.path("modelVersion");
        return version.isTextual() && !version.asText().isEmpty() ? version.asText() : requestModel;
    }

    private static Choice choice(JsonNode candidate, int position, Ids ids) {
        JsonNode parts = candidate.path("content").path("parts");
        String text = GeminiParts.text(parts);
        List<ToolCall> calls = GeminiParts.toolCalls(parts, ids, null);
        Message message = new Message("assistant", calls.isEmpty() || !text.isEmpty() ? Content.text(text) : null,
                null, calls.isEmpty() ? null : calls, null, null, Map.of());
        String reason = GeminiFinishReasons.of(candidate.path("finishReason").asText(null), !calls.isEmpty());
        return new Choice(candidate.path("index").asInt(position), message, reason, null, Map.of());
    }

    private static Message assistant(String text) {
        return new Message("assistant", Content.text(text), null, null, null, null, Map.of());
    }
}
