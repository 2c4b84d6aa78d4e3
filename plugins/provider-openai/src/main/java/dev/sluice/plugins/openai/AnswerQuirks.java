package dev.sluice.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How one OpenAI-compatible upstream's answers depart from OpenAI's: finish reasons of its own,
 * failures reported inside a 200 answer, and usage that rides on the last content chunk instead
 * of a usage-only chunk of its own. Pure: answers in, OpenAI-shaped answers out. Whatever needs no
 * change is handed on as the very same object, so that the gateway still relays the upstream's
 * own bytes for it.
 */
final class AnswerQuirks {
    static final AnswerQuirks NONE = new AnswerQuirks(Map.of(), Set.of(), false, false);

    private final Map<String, String> finishReasons;
    private final Set<String> failingFinishReasons;
    private final boolean separateUsage;
    private final boolean groqErrors;

    /**
     * @param finishReasons the upstream's own finish reasons and the OpenAI reason each stands for
     * @param failingFinishReasons finish reasons that mean the generation failed
     * @param separateUsage whether usage on a chunk with choices is moved to a usage-only chunk
     * @param groqErrors whether {@code x_groq.error} on a chunk means the stream failed
     */
    AnswerQuirks(Map<String, String> finishReasons, Set<String> failingFinishReasons, boolean separateUsage,
            boolean groqErrors) {
        this.finishReasons = Map.copyOf(finishReasons);
        this.failingFinishReasons = Set.copyOf(failingFinishReasons);
        this.separateUsage = separateUsage;
        this.groqErrors = groqErrors;
    }

    /** Whether streamed chunks need looking at at all. */
    boolean rewritesStreams() {
        return !finishReasons.isEmpty() || !failingFinishReasons.isEmpty() || separateUsage || groqErrors;
    }

    /**
     * Why a complete answer, though it came with status 200, is a failure: an {@code error}
     * object in place of choices, or a finish reason that means the generation failed.
     */
    Optional<String> failure(ChatResponse answer) {
        JsonNode error = answer.extra().get("error");
        if (error != null && !error.isNull() && answer.choices().isEmpty()) {
            return Optional.of(explanation(error));
        }
        for (Choice choice : answer.choices()) {
            if (isFailing(choice.finishReason())) {
                return Optional.of(endedWith(choice.finishReason()));
            }
        }
        return Optional.empty();
    }

    /** Why a chunk ends the stream as a failure, if it does. */
    Optional<String> failure(ChatChunk chunk) {
        if (groqErrors) {
            JsonNode error = chunk.extra().getOrDefault("x_groq", MissingNode.getInstance()).path("error");
            if (!error.isMissingNode() && !error.isNull()) {
                return Optional.of(explanation(error));
            }
        }
        for (ChunkChoice choice : chunk.choices()) {
            if (isFailing(choice.finishReason())) {
                return Optional.of(endedWith(choice.finishReason()));
            }
        }
        return Optional.empty();
    }

    /** The answer with OpenAI's finish reasons; the same object when none needed changing. */
    ChatResponse normalise(ChatResponse answer) {
        if (finishReasons.isEmpty() || answer.choices().stream().noneMatch(c -> isOwn(c.finishReason()))) {
            return answer;
        }
        List<Choice> choices = answer.choices().stream().map(c -> isOwn(c.finishReason())
                ? new Choice(c.index(), c.message(), finishReasons.get(c.finishReason()), c.logprobs(), c.extra())
                : c).toList();
        return new ChatResponse(answer.id(), answer.object(), answer.created(), answer.model(), choices,
                answer.usage(), answer.systemFingerprint(), answer.extra());
    }

    /**
     * Hands on the chunks that one upstream chunk stands for: itself when it needs no change, with
     * OpenAI's finish reasons when it had the upstream's own, and split in two when it carries both
     * choices and usage, so that the stream ends with a usage-only chunk as OpenAI's does.
     */
    void normalise(ChatChunk chunk, Consumer<ChatChunk> out) {
        ChatChunk shaped = chunk;
        if (!finishReasons.isEmpty() && chunk.choices().stream().anyMatch(c -> isOwn(c.finishReason()))) {
            List<ChunkChoice> choices = new ArrayList<>(chunk.choices().size());
            for (ChunkChoice c : chunk.choices()) {
                choices.add(isOwn(c.finishReason()) ? new ChunkChoice(c.index(), c.delta(),
                        finishReasons.get(c.finishReason()), c.logprobs(), c.extra()) : c);
            }
            shaped = new ChatChunk(chunk.id(), chunk.object(), chunk.created(), chunk.model(), choices,
                    chunk.usage(), chunk.systemFingerprint(), chunk.extra());
        }
        if (separateUsage && shaped.usage() != null && !shaped.choices().isEmpty()) {
            out.accept(shaped.withUsage(null));
            out.accept(new ChatChunk(shaped.id(), shaped.object(), shaped.created(), shaped.model(), List.of(),
                    shaped.usage(), shaped.systemFingerprint(), Map.of()));
            return;
        }
        out.accept(shaped);
    }

    private boolean isFailing(String finishReason) {
        return finishReason != null && failingFinishReasons.contains(finishReason);
    }

    private boolean isOwn(String finishReason) {
        return finishReason != null && finishReasons.containsKey(finishReason);
    }

    private static String endedWith(String finishReason) {
        return "the generation ended with finish_reason '" + finishReason + "'";
    }

    private static String explanation(JsonNode error) {
        JsonNode message = error.isObject() ? error.path("message") : error;
        return message.isTextual() && !message.asText().isBlank() ? message.asText() : "the answer was an error";
    }
}
