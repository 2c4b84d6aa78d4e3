package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.ChatRequest;

/**
 * A canonical (OpenAI) chat request as the body of Gemini's {@code generateContent} and
 * {@code streamGenerateContent}: {@code contents} and {@code systemInstruction} from the messages,
 * {@code tools} and {@code toolConfig} from the tools, {@code generationConfig} from the sampling
 * fields. Pure: JSON in, JSON out. Requests Gemini cannot take are refused with a 400 naming the
 * field at fault.
 */
final class GeminiRequests {

    private GeminiRequests() {
    }

    /** The request body; the model and the stream flag go in the URL, not here. */
    static ObjectNode generateContent(ChatRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        GeminiContents.Conversation conversation = GeminiContents.of(request.messagesOrEmpty(),
                ThoughtSignatures.needsPlaceholder(request.model()));
        body.set("contents", conversation.contents());
        conversation.systemInstruction().ifPresent(instruction -> body.set("systemInstruction", instruction));
        GeminiTools.declarations(request.tools()).ifPresent(tools -> body.set("tools", tools));
        GeminiTools.config(request.toolChoice(), body.has("tools"))
                .ifPresent(config -> body.set("toolConfig", config));
        ObjectNode generationConfig = GeminiGenerationConfig.of(request);
        if (!generationConfig.isEmpty()) {
            body.set("generationConfig", generationConfig);
        }
        return body;
    }
}
