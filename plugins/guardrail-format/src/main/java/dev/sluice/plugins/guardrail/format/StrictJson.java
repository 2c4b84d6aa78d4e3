package dev.sluice.plugins.guardrail.format;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a text as exactly one JSON value (nothing but whitespace around it) into the validator's
 * tree, and explains a failure the way a model can act on: what the parser expected, with line and
 * column, and never a piece of the text itself.
 */
final class StrictJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** Jackson quotes an unrecognized word of the input: {@code Unrecognized token 'Sure': was expecting …}. */
    private static final Pattern QUOTED_TOKEN = Pattern.compile("(Unrecognized token) '(?:[^'\\\\]|\\\\.)*'");
    /** A location nested in a message: {@code (start marker at [Source: …; byte offset: …])}. */
    private static final Pattern NESTED_SOURCE = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)");
    /** Advice meant for a programmer: {@code Non-standard token 'NaN': enable `JsonReadFeature…` to allow}. */
    private static final Pattern FEATURE_ADVICE = Pattern.compile(":? *(?:enable|disable) `[^`]*` to allow");
    private static final Pattern TRAILING = Pattern.compile("^Trailing token .*", Pattern.DOTALL);
    private static final Pattern NO_CONTENT = Pattern.compile("^No content to map.*", Pattern.DOTALL);
    private static final int MAX_PROBLEM = 300;

    private StrictJson() {
    }

    /** The outcome of reading a text. */
    sealed interface Result {
    }

    /** The text is one JSON value. */
    record Parsed(JsonNode tree) implements Result {
    }

    /** The text is not JSON: why, and where. */
    record Unparsable(String problem) implements Result {
    }

    static Result parse(String text) {
        if (text.isBlank()) {
            return new Unparsable("the answer is empty");
        }
        try {
            return new Parsed(MAPPER.readTree(text));
        } catch (JacksonException e) {
            return new Unparsable(describe(e));
        }
    }

    /** Reads a JSON text the caller trusts to be JSON (a schema); Jackson's exception otherwise. */
    static JsonNode read(String text) {
        return MAPPER.readTree(text);
    }

    static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        } else if (NO_CONTENT.matcher(message).matches()) {
            message = "the answer is empty";
        } else if (TRAILING.matcher(message).matches()) {
            message = "unexpected text after the end of the JSON value";
        } else {
            message = QUOTED_TOKEN.matcher(message).replaceAll("$1");
            message = NESTED_SOURCE.matcher(message).replaceAll("");
            message = FEATURE_ADVICE.matcher(message).replaceAll("");
            message = message.strip();
        }
        if (message.length() > MAX_PROBLEM) {
            message = message.substring(0, MAX_PROBLEM) + "…";
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return message;
    }
}
