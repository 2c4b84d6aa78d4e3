package dev.sluice.spi.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Message content: either a plain string or a list of typed parts, as OpenAI allows both.
 * The form it arrived in is the form it is written back in.
 *
 * @param string the content when it is a plain string, else {@code null}
 * @param parts the content when it is a list of parts, else {@code null}
 */
@JsonSerialize(using = Content.Writer.class)
@JsonDeserialize(using = Content.Reader.class)
public record Content(String string, List<ContentPart> parts) {

    public Content {
        if ((string == null) == (parts == null)) {
            throw new IllegalArgumentException("content is either a string or a list of parts");
        }
        parts = parts == null ? null : List.copyOf(parts);
    }

    /** Plain text content. */
    public static Content text(String text) {
        return new Content(text, null);
    }

    /** Content made of parts. */
    public static Content of(ContentPart... parts) {
        return new Content(null, Arrays.asList(parts));
    }

    /** Whether this is a list of parts. */
    public boolean isParts() {
        return parts != null;
    }

    /** The text: the string itself, or every text part joined by a newline. */
    public String text() {
        if (string != null) {
            return string;
        }
        return parts.stream().filter(p -> p.text() != null).map(ContentPart::text).collect(Collectors.joining("\n"));
    }

    /** Writes the string form or the array form. */
    static final class Writer extends JsonSerializer<Content> {
        @Override
        public void serialize(Content value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value.string != null) {
                gen.writeString(value.string);
            } else {
                gen.writeStartArray();
                for (ContentPart part : value.parts) {
                    serializers.defaultSerializeValue(part, gen);
                }
                gen.writeEndArray();
            }
        }
    }

    /** Reads a string or an array of parts; anything else is a type error naming the field. */
    static final class Reader extends JsonDeserializer<Content> {
        @Override
        public Content deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return new Content(p.getText(), null);
            }
            if (token == JsonToken.START_ARRAY) {
                List<ContentPart> parts = ctxt.readValue(p,
                        ctxt.getTypeFactory().constructCollectionType(List.class, ContentPart.class));
                return new Content(null, parts);
            }
            return (Content) ctxt.handleUnexpectedToken(Content.class, token, p,
                    "expected a string or an array of content parts");
        }
    }
}
