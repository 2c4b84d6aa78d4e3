package dev.sluice.spi.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events from a byte stream as they arrive, following the WHATWG
 * event-stream rules: lines end in LF, CRLF or CR; a blank line ends an event; {@code data:}
 * lines accumulate; comments ({@code :ping}) are skipped; one optional space after the colon is
 * dropped. Not thread-safe: one reader per stream.
 */
public final class SseReader {
    private final InputStream in;
    private static final int MIN_READ = 512;
    private final byte[] buffer = new byte[8192];
    /** How many bytes the next read asks for: grows while reads fill it, shrinks when they do not. */
    private int ask = 2048;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf;
    private byte[] line = new byte[1024];

    /** A reader over the given stream. */
    public SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event, blocking until it is complete; empty at the end of the stream. */
    public Optional<SseEvent> next() {
        String event = null;
        StringBuilder data = null;
        while (true) {
            int length = readLine();
            if (length < 0) {
                return data == null ? Optional.empty() : Optional.of(new SseEvent(name(event), data.toString()));
            }
            if (length == 0) {
                if (data != null) {
                    return Optional.of(new SseEvent(name(event), data.toString()));
                }
                event = null;
                continue;
            }
            if (line[0] == ':') {
                continue;
            }
            int colon = indexOf(line, length, (byte) ':');
            String field = new String(line, 0, colon < 0 ? length : colon, StandardCharsets.UTF_8);
            String value = "";
            if (colon >= 0) {
                int start = colon + 1;
                if (start < length && line[start] == ' ') {
                    start++;
                }
                value = new String(line, start, length - start, StandardCharsets.UTF_8);
            }
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value.length());
                } else {
                    data.append('\n');
                }
                data.append(value);
            } else if (field.equals("event")) {
                event = value;
            }
        }
    }

    private static String name(String event) {
        return event == null || event.isEmpty() ? "message" : event;
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Reads one line into {@link #line}; its length, or -1 at the end of the stream. */
    private int readLine() {
        int length = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return length == 0 ? -1 : length;
            }
            byte b = buffer[pos++];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return length;
            }
            if (b == '\r') {
                skipLf = true;
                return length;
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer, 0, ask);
            if (n <= 0) {
                eof = true;
                return false;
            }
            // Ask for about what arrives: HTTP clients allocate a buffer as large as the request
            // for each read, and an event is a few hundred bytes.
            if (n == ask) {
                ask = Math.min(buffer.length, ask * 2);
            } else if (n < ask / 4) {
                ask = Math.max(MIN_READ, ask / 2);
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
