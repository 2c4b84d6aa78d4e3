package dev.sluice.testkit.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scripted upstream answer: a status, headers, and a body sent as frames with a pause
 * between them, so that a recorded event stream arrives event by event as it did from the
 * provider.
 *
 * @param status the HTTP status
 * @param headers response headers
 * @param frames the body, written and flushed one frame at a time
 * @param gap the pause before each frame after the first
 */
public record Replay(int status, Map<String, String> headers, List<byte[]> frames, Duration gap) {

    public Replay {
        headers = Map.copyOf(headers);
        frames = List.copyOf(frames);
    }

    /** A JSON answer. */
    public static Replay json(int status, String body) {
        return new Replay(status, Map.of("content-type", "application/json"),
                List.of(body.getBytes(StandardCharsets.UTF_8)), Duration.ZERO);
    }

    /**
     * An event stream, one frame per event: the text is split after each blank line, keeping the
     * line endings exactly as written.
     */
    public static Replay sse(String text) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\n\n", i) || text.startsWith("\r\n\r\n", i)) {
                int end = i + (text.charAt(i) == '\r' ? 4 : 2);
                frames.add(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.length()) {
            frames.add(text.substring(start).getBytes(StandardCharsets.UTF_8));
        }
        return new Replay(200, Map.of("content-type", "text/event-stream; charset=utf-8",
                "cache-control", "no-cache"), frames, Duration.ofMillis(2));
    }

    /**
     * A fixture from the class path: {@code .sse} files become event streams, anything else a
     * 200 JSON answer.
     */
    public static Replay resource(String name) {
        String text = text(name);
        return name.endsWith(".sse") ? sse(text) : json(200, text);
    }

    /** A class-path resource as UTF-8 text. */
    public static String text(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no such resource: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with another status. */
    public Replay withStatus(int newStatus) {
        return new Replay(newStatus, headers, frames, gap);
    }

    /** A copy with one more header (replacing one of the same name). */
    public Replay withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        copy.put(name, value);
        return new Replay(status, copy, frames, gap);
    }

    /** A copy with another pause between frames. */
    public Replay withGap(Duration newGap) {
        return new Replay(status, headers, frames, newGap);
    }

    /** The whole body as text. */
    public String body() {
        StringBuilder text = new StringBuilder();
        frames.forEach(frame -> text.append(new String(frame, StandardCharsets.UTF_8)));
        return text.toString();
    }
}
