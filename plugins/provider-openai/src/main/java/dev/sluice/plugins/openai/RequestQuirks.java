package dev.sluice.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How one OpenAI-compatible upstream's request format departs from OpenAI's, applied to the
 * request body as JSON: pure, JSON in and JSON out, so that each preset's rewriting is pinned by
 * golden files. {@link #NONE} changes nothing, and a provider whose quirks are {@code NONE} skips
 * the rewriting altogether (the plain {@code openai} type's requests are written once, as they
 * are).
 *
 * <p>Requests the upstream cannot serve at all (several choices where it returns one, log
 * probabilities it does not compute) are refused with a {@link GatewayException} before any call,
 * rather than answered differently than asked.
 */
final class RequestQuirks {
    static final RequestQuirks NONE = builder().build();

    private final boolean systemForDeveloper;
    private final boolean maxTokensOnly;
    private final boolean streamOptions;
    private final Set<String> allowedFields;
    private final Map<String, String> renamedFields;
    private final Map<String, Set<String>> allowedMessageFields;
    private final Set<String> droppedMessageFields;
    private final boolean shortToolCallIds;
    private final boolean toolResultsAsText;
    private final boolean singleChoice;
    private final boolean logprobs;
    private final Map<String, String> renamedEmbeddingFields;
    private final Set<String> droppedEmbeddingFields;

    private RequestQuirks(Builder b) {
        this.systemForDeveloper = b.systemForDeveloper;
        this.maxTokensOnly = b.maxTokensOnly;
        this.streamOptions = b.streamOptions;
        this.allowedFields = Set.copyOf(b.allowedFields);
        this.renamedFields = Map.copyOf(b.renamedFields);
        this.allowedMessageFields = Map.copyOf(b.allowedMessageFields);
        this.droppedMessageFields = Set.copyOf(b.droppedMessageFields);
        this.shortToolCallIds = b.shortToolCallIds;
        this.toolResultsAsText = b.toolResultsAsText;
        this.singleChoice = b.singleChoice;
        this.logprobs = b.logprobs;
        this.renamedEmbeddingFields = Map.copyOf(b.renamedEmbeddingFields);
        this.droppedEmbeddingFields = Set.copyOf(b.droppedEmbeddingFields);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Whether chat requests need rewriting at all. */
    boolean rewritesChat() {
        return systemForDeveloper || maxTokensOnly || !streamOptions || !allowedFields.isEmpty()
                || !renamedFields.isEmpty() || !allowedMessageFields.isEmpty() || !droppedMessageFields.isEmpty()
                || shortToolCallIds || toolResultsAsText || singleChoice || !logprobs;
    }

    /** Whether embeddings requests need rewriting at all. */
    boolean rewritesEmbeddings() {
        return !renamedEmbeddingFields.isEmpty() || !droppedEmbeddingFields.isEmpty();
    }

    /**
     * The chat request body as the upstream wants it. The body is changed in place and returned.
     *
     * @param body the canonical (OpenAI) request body, with the stream flags already set
     * @param provider the provider's name, for the message of a refused request
     * @throws GatewayException when the request asks for what the upstream cannot do
     */
    ObjectNode chat(ObjectNode body, String provider) {
        refuseUnsupported(body, provider);
        if (maxTokensOnly && body.has("max_completion_tokens")) {
            // The newer field wins, as it does at OpenAI when a client sends both.
            body.set("max_tokens", body.remove("max_completion_tokens"));
        }
        rename(body, renamedFields);
        if (!streamOptions) {
            body.remove("stream_options");
        }
        if (!allowedFields.isEmpty()) {
            body.retain(allowedFields);
        }
        if (body.get("messages") instanceof ArrayNode messages) {
            for (JsonNode message : messages) {
                if (message instanceof ObjectNode object) {
                    message(object);
                }
            }
        }
        return body;
    }

    /** The embeddings request body as the upstream wants it, changed in place. */
    ObjectNode embeddings(ObjectNode body) {
        rename(body, renamedEmbeddingFields);
        body.remove(droppedEmbeddingFields);
        return body;
    }

    private void refuseUnsupported(ObjectNode body, String provider) {
        if (singleChoice && body.path("n").asInt(1) > 1) {
            throw refusal(provider, "returns one choice per request; 'n' must be 1", "n");
        }
        if (!logprobs) {
            if (body.path("logprobs").asBoolean(false) || body.path("top_logprobs").asInt(0) > 0) {
                throw refusal(provider, "does not return log probabilities", "logprobs");
            }
            if (body.path("logit_bias").size() > 0) {
                throw refusal(provider, "does not support 'logit_bias'", "logit_bias");
            }
            // Explicitly switched off, they ask for nothing; the upstream still rejects the fields.
            body.remove(Set.of("logprobs", "top_logprobs", "logit_bias"));
        }
    }

    private static GatewayException refusal(String provider, String problem, String param) {
        return new GatewayException(ErrorType.INVALID_REQUEST, "provider '" + provider + "' " + problem)
                .withParam(param);
    }

    private void message(ObjectNode message) {
        String role = message.path("role").asText("");
        if (systemForDeveloper && role.equals("developer")) {
            role = "system";
            message.put("role", role);
        }
        message.remove(droppedMessageFields);
        Set<String> allowed = allowedMessageFields.get(role);
        if (allowed != null) {
            message.retain(allowed);
        }
        if (shortToolCallIds) {
            shortenToolCallIds(message);
        }
        if (toolResultsAsText && role.equals("tool") && message.get("content") instanceof ArrayNode parts) {
            message.put("content", text(parts));
        }
    }

    private static void shortenToolCallIds(ObjectNode message) {
        if (message.path("tool_call_id").isTextual()) {
            message.put("tool_call_id", ToolCallIds.alphanumeric9(message.get("tool_call_id").asText()));
        }
        if (message.get("tool_calls") instanceof ArrayNode calls) {
            for (JsonNode call : calls) {
                if (call instanceof ObjectNode object && object.path("id").isTextual()) {
                    object.put("id", ToolCallIds.alphanumeric9(object.get("id").asText()));
                }
            }
        }
    }

    /** The text parts of a content array joined, as OpenAI reads a tool result given as parts. */
    private static String text(ArrayNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.path("type").asText().equals("text")) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static void rename(ObjectNode body, Map<String, String> renames) {
        renames.forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null && !body.has(to)) {
                body.set(to, value);
            }
        });
    }

    /** Collects the quirks of one preset; everything off by default. */
    static final class Builder {
        private boolean systemForDeveloper;
        private boolean maxTokensOnly;
        private boolean streamOptions = true;
        private Set<String> allowedFields = Set.of();
        private final Map<String, String> renamedFields = new LinkedHashMap<>();
        private final Map<String, Set<String>> allowedMessageFields = new LinkedHashMap<>();
        private Set<String> droppedMessageFields = Set.of();
        private boolean shortToolCallIds;
        private boolean toolResultsAsText;
        private boolean singleChoice;
        private boolean logprobs = true;
        private final Map<String, String> renamedEmbeddingFields = new LinkedHashMap<>();
        private Set<String> droppedEmbeddingFields = Set.of();

        private Builder() {
        }

        /** {@code developer} messages become {@code system} messages. */
        Builder systemForDeveloper() {
            systemForDeveloper = true;
            return this;
        }

        /** {@code max_completion_tokens} is sent as {@code max_tokens}. */
        Builder maxTokensOnly() {
            maxTokensOnly = true;
            return this;
        }

        /** {@code stream_options} is never sent; the upstream reports usage on its own. */
        Builder noStreamOptions() {
            streamOptions = false;
            return this;
        }

        /** Only these top-level fields are sent (after renaming); the upstream rejects others. */
        Builder onlyFields(Set<String> fields) {
            allowedFields = fields;
            return this;
        }

        /** A field the upstream knows by another name. */
        Builder renameField(String from, String to) {
            renamedFields.put(from, to);
            return this;
        }

        /** Only these fields are sent in messages of this role. */
        Builder messageFields(String role, Set<String> fields) {
            allowedMessageFields.put(role, fields);
            return this;
        }

        /** These message fields are never sent. */
        Builder dropMessageFields(Set<String> fields) {
            droppedMessageFields = fields;
            return this;
        }

        /** Tool call ids are sent as the nine letters and digits the upstream insists on. */
        Builder shortToolCallIds() {
            shortToolCallIds = true;
            return this;
        }

        /** Tool results given as text parts are sent as one string. */
        Builder toolResultsAsText() {
            toolResultsAsText = true;
            return this;
        }

        /** Requests for more than one choice are refused. */
        Builder singleChoice() {
            singleChoice = true;
            return this;
        }

        /** Requests for log probabilities or logit bias are refused. */
        Builder noLogprobs() {
            logprobs = false;
            return this;
        }

        /** An embeddings field the upstream knows by another name. */
        Builder renameEmbeddingField(String from, String to) {
            renamedEmbeddingFields.put(from, to);
            return this;
        }

        /** Embeddings fields the upstream rejects. */
        Builder dropEmbeddingFields(Set<String> fields) {
            droppedEmbeddingFields = fields;
            return this;
        }

        RequestQuirks build() {
            return new RequestQuirks(this);
        }
    }
}
