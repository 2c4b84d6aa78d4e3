package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Media content parts in Gemini's form: {@code data:} URLs become {@code inlineData} (base64 in
 * the request), {@code http(s)} URLs become {@code fileData} with a MIME type guessed from the
 * file extension ({@code image/jpeg} when there is none to go by), which Gemini fetches itself.
 */
final class GeminiMedia {
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp",
            "gif", "image/gif", "heic", "image/heic", "heif", "image/heif");

    private GeminiMedia() {
    }

    /** An {@code image_url} as a part. */
    static ObjectNode image(String url, String where) {
        if (url == null || url.isBlank()) {
            throw InvalidRequest.at(where, "an image_url part needs a url");
        }
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return dataUrl(url, where);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            ObjectNode fileData = JsonNodeFactory.instance.objectNode()
                    .put("mimeType", imageType(lower))
                    .put("fileUri", url);
            return JsonNodeFactory.instance.objectNode().set("fileData", fileData);
        }
        throw InvalidRequest.at(where, "an image_url must be an http(s) URL or a data: URL");
    }

    /** An {@code input_audio} part ({@code {data, format}}) as inline data. */
    static ObjectNode audio(JsonNode inputAudio, String where) {
        String data = inputAudio.path("data").asText("");
        String format = inputAudio.path("format").asText("");
        if (data.isEmpty() || format.isEmpty()) {
            throw InvalidRequest.at(where, "an input_audio part needs data and format");
        }
        return inline("audio/" + format.toLowerCase(Locale.ROOT), data);
    }

    /**
     * A {@code file} part ({@code {file_data, filename}}) as inline data: {@code file_data} is a
     * {@code data:} URL, or bare base64 of a PDF as OpenAI accepts it. Uploaded file ids belong to
     * another provider's storage and cannot be sent.
     */
    static ObjectNode file(JsonNode file, String where) {
        String data = file.path("file_data").asText("");
        if (data.isEmpty()) {
            throw InvalidRequest.at(where, "a file part needs file_data (file_id refers to another provider's files)");
        }
        return data.regionMatches(true, 0, "data:", 0, 5) ? dataUrl(data, where) : inline("application/pdf", data);
    }

    private static ObjectNode dataUrl(String url, String where) {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw InvalidRequest.at(where, "a data: URL must be base64 (data:<type>;base64,<data>)");
        }
        String type = header.substring(0, header.length() - ";base64".length());
        int parameters = type.indexOf(';');
        type = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        if (type.isEmpty()) {
            throw InvalidRequest.at(where, "a data: URL must name its media type");
        }
        return inline(type, url.substring(comma + 1));
    }

    private static ObjectNode inline(String mimeType, String base64) {
        ObjectNode inlineData = JsonNodeFactory.instance.objectNode().put("mimeType", mimeType).put("data", base64);
        return JsonNodeFactory.instance.objectNode().set("inlineData", inlineData);
    }

    private static String imageType(String lowerUrl) {
        String path = lowerUrl;
        for (char end : new char[] {'#', '?'}) {
            int at = path.indexOf(end);
            path = at < 0 ? path : path.substring(0, at);
        }
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        String extension = dot > slash ? path.substring(dot + 1) : "";
        return IMAGE_TYPES.getOrDefault(extension, "image/jpeg");
    }
}
