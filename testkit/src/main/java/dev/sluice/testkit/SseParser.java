package dev.sluice.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental parser for the {@code text/event-stream} format (WHATWG HTML, "Server-sent
 * events"): accepts bytes in arbitrary pieces, as they come off the socket, and emits each
 * event the moment its terminating blank line arrives. Lines may end in CRLF, LF or CR.
 * Works on bytes, not chars, because a network read can end in the middle of a UTF-8
 * sequence; CR and LF never occur inside one, so splitting lines on them first is safe.
 */
final class SseParser {

    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean sawData;
    private String eventType;
    private String lastEventId;
    private boolean pendingCr;

    SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (pendingCr) {
                // A CR ends a line, but the line is closed only once we know whether an LF
                // follows, so that a CRLF stays whole inside the event's raw text.
                pendingCr = false;
                if (b == '\n') {
                    raw.write(b);
                    endOfLine();
                    continue;
                }
                endOfLine();
            }
            raw.write(b);
            if (b == '\r') {
                pendingCr = true;
            } else if (b == '\n') {
                endOfLine();
            } else {
                line.write(b);
            }
        }
    }

    /** End of stream: closes a line left open by a final CR; an unterminated event is dropped, per spec. */
    void finish() {
        if (pendingCr) {
            pendingCr = false;
            endOfLine();
        }
    }

    private void endOfLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            return; // comment, e.g. a keep-alive
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                data.append(value).append('\n');
                sawData = true;
            }
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            default -> {
                // "retry" and unknown fields do not matter to these tests
            }
        }
    }

    private void dispatch() {
        if (sawData) {
            data.setLength(data.length() - 1); // the spec drops the final newline
            sink.accept(new SseEvent(eventType, data.toString(), lastEventId,
                    raw.toString(StandardCharsets.UTF_8), System.nanoTime()));
        }
        raw.reset();
        data.setLength(0);
        sawData = false;
        eventType = null;
    }
}
