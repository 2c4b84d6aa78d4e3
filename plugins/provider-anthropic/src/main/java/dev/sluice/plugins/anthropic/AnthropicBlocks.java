package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.ContentPart;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI content (a string or parts) as Anthropic content blocks: {@code text} parts become
 * {@code text} blocks, {@code image_url} parts {@code image} blocks with a {@code base64} source
 * ({@code data:} URLs) or a {@code url} source (http and https URLs). A part's
 * {@code cache_control} stays on its block. Parts of types OpenAI does not define (an Anthropic
 * {@code document} block carried through the gateway, say) go out as they came; OpenAI types
 * Anthropic has no counterpart for are refused. Empty text is left out, since Anthropic refuses
 * empty text blocks.
 */
final class AnthropicBlocks {
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+)((?:;[^;,]*)*);base64,(.*)",
            Pattern.DOTALL);
    /** OpenAI part types with no Anthropic counterpart here. */
    private static final List<String> UNSUPPORTED = List.of("input_audio", "file");

    private AnthropicBlocks() {
    }

    /** Every block of the content, in order; empty for {@code null} content. */
    static ArrayNode of(Content content, String where) {
        ArrayNode blocks = Json.mapper().createArrayNode();
        if (content == null) {
            return blocks;
        }
        if (!content.isParts()) {
            if (!content.string().isEmpty()) {
                blocks.add(text(content.string()));
            }
            return blocks;
        }
        List<ContentPart> parts = content.parts();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode block = of(parts.get(i), where + ".content[" + i + "]");
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** The text blocks of system content; anything but text is refused. */
    static ArrayNode textOnly(Content content, String where) {
        ArrayNode blocks = of(content, where);
        for (int i = 0; i < blocks.size(); i++) {
            if (!"text".equals(blocks.get(i).path("type").asText())) {
                throw invalid("Anthropic's system prompt holds text only; "
                        + blocks.get(i).path("type").asText() + " content is not supported there", where);
            }
        }
        return blocks;
    }

    /** A plain text block. */
    static ObjectNode text(String text) {
        ObjectNode block = Json.mapper().createObjectNode();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /** Whether a block is text and nothing else, so that a plain string can stand for it. */
    static boolean isPlainText(JsonNode block) {
        return block.size() == 2 && "text".equals(block.path("type").asText()) && block.path("text").isTextual();
    }

    /** One part as a block, or {@code null} for a part that carries nothing. */
    private static JsonNode of(ContentPart part, String where) {
        String type = part.type() == null ? "" : part.type();
        ObjectNode block;
        switch (type) {
            case "text" -> {
                if (part.text() == null || part.text().isEmpty()) {
                    return null;
                }
                block = text(part.text());
            }
            case "image_url" -> block = image(part, where);
            // An assistant's refusal part has no Anthropic form; the refusal itself is in the past.
            case "refusal" -> {
                return null;
            }
            default -> {
                if (UNSUPPORTED.contains(type) || type.isEmpty()) {
                    throw invalid("content parts of type '" + type + "' are not supported by Anthropic", where);
                }
                return Json.mapper().valueToTree(part);
            }
        }
        JsonNode cacheControl = part.extra().get("cache_control");
        if (cacheControl != null && !cacheControl.isNull()) {
            block.set("cache_control", cacheControl);
        }
        return block;
    }

    private static ObjectNode image(ContentPart part, String where) {
        String url = part.imageUrl() == null ? null : part.imageUrl().url();
        if (url == null || url.isBlank()) {
            throw invalid("an image_url part needs a url", where + ".image_url.url");
        }
        ObjectNode source = Json.mapper().createObjectNode();
        String scheme = url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(Locale.ROOT);
        if (scheme.equals("data")) {
            Matcher m = DATA_URL.matcher(url);
            if (!m.matches()) {
                throw invalid("image data URLs must be base64-encoded (data:image/png;base64,…)",
                        where + ".image_url.url");
            }
            source.put("type", "base64");
            source.put("media_type", m.group(1).trim().toLowerCase(Locale.ROOT));
            source.put("data", m.group(3));
        } else if (scheme.equals("http") || scheme.equals("https")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw invalid("images must be data: URLs or http(s) URLs", where + ".image_url.url");
        }
        ObjectNode block = Json.mapper().createObjectNode();
        block.put("type", "image");
        block.set("source", source);
        return block;
    }

    static GatewayException invalid(String message, String param) {
        return new GatewayException(ErrorType.INVALID_REQUEST, message).withParam(param);
    }
}
