package dev.sluice.kernel.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Parses and checks OpenAI-format request bodies; every fault is a 400 naming the field. */
final class OpenAiRequests {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private OpenAiRequests() {
    }

    static ChatRequest chat(byte[] body) {
        ChatRequest request = parse(body, ChatRequest.class);
        requireModel(request.model());
        List<Message> messages = request.messages();
        if (messages == null) {
            throw invalid("Missing required parameter: 'messages'.", "messages");
        }
        if (messages.isEmpty()) {
            throw invalid("'messages' must contain at least one message.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m == null) {
                throw invalid("Invalid value for 'messages[" + i + "]': expected an object.", "messages[" + i + "]");
            }
            if (m.role() == null || !ROLES.contains(m.role())) {
                throw invalid("Invalid value for 'messages[" + i + "].role': expected one of system, developer, "
                        + "user, assistant, tool, function.", "messages[" + i + "].role");
            }
        }
        if (request.n() != null && request.n() < 1) {
            throw invalid("Invalid value for 'n': must be at least 1.", "n");
        }
        return request;
    }

    static EmbeddingRequest embeddings(byte[] body) {
        EmbeddingRequest request = parse(body, EmbeddingRequest.class);
        requireModel(request.model());
        if (request.input() == null || request.input().isNull()) {
            throw invalid("Missing required parameter: 'input'.", "input");
        }
        if (!request.input().isTextual() && !request.input().isArray()) {
            throw invalid("Invalid type for 'input': expected a string or an array.", "input");
        }
        if (request.encodingFormat() != null && !Set.of("float", "base64").contains(request.encodingFormat())) {
            throw invalid("Invalid value for 'encoding_format': expected float or base64.", "encoding_format");
        }
        return request;
    }

    private static void requireModel(String model) {
        if (model == null || model.isBlank()) {
            throw invalid("you must provide a model parameter", "model");
        }
    }

    private static <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw invalid("The request body is empty: send a JSON object.", null);
        }
        try {
            return Json.read(body, type);
        } catch (JsonProcessingException e) {
            throw describe(e);
        } catch (IOException e) {
            throw invalid("We could not read the body of your request.", null);
        }
    }

    private static GatewayException describe(JsonProcessingException e) {
        // Syntax errors inside nested values arrive wrapped in a mapping exception: find them first.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException syntax) {
                return invalid("We could not parse the JSON body of your request: " + plain(syntax.getOriginalMessage())
                        + " (line " + syntax.getLocation().getLineNr() + ", column "
                        + syntax.getLocation().getColumnNr() + ").", null);
            }
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = path(mismatch);
            if (path.isEmpty()) {
                return invalid("The request body must be a JSON object.", null);
            }
            return invalid("Invalid type for '" + path + "': " + expectation(mismatch), path);
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return invalid("Invalid value" + (path.isEmpty() ? "" : " for '" + path + "'") + ": "
                    + plain(mapping.getOriginalMessage()), path.isEmpty() ? null : path);
        }
        return invalid("We could not parse the JSON body of your request: " + plain(e.getOriginalMessage()), null);
    }

    private static String plain(String message) {
        int cut = message.indexOf(" (start marker");
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static String expectation(MismatchedInputException e) {
        String message = e.getOriginalMessage();
        if (message.contains("expected a string or an array of content parts")) {
            return "expected a string or an array of content parts.";
        }
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "wrong type.";
        }
        if (target == String.class) {
            return "expected a string.";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            return "expected a number.";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "expected a boolean.";
        }
        if (List.class.isAssignableFrom(target)) {
            return "expected an array.";
        }
        return "expected an object.";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static GatewayException invalid(String message, String param) {
        GatewayException e = new GatewayException(ErrorType.INVALID_REQUEST, message);
        return param == null ? e : e.withParam(param);
    }
}
