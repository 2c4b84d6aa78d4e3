package dev.sluice.plugins.audit.jsonl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON Lines file line by line, splitting on line feeds only, and tells whether each line
 * ended with one: a last line without it is what a crash leaves behind.
 */
final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long number;

    /**
     * One line.
     *
     * @param number its number in the file, from 1
     * @param text its text, without the line feed
     * @param terminated whether it ended with a line feed
     */
    record Line(long number, String text, boolean terminated) {
    }

    LineReader(Path file) throws IOException {
        this.in = Files.newInputStream(file);
    }

    /** The next line, or {@code null} at the end of the file. */
    Line next() throws IOException {
        ByteArrayOutputStream partial = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return partial == null || partial.size() == 0 ? null
                            : new Line(++number, partial.toString(StandardCharsets.UTF_8), false);
                }
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            if (end < limit) {
                String text;
                if (partial == null) {
                    text = new String(buffer, position, end - position, StandardCharsets.UTF_8);
                } else {
                    partial.write(buffer, position, end - position);
                    text = partial.toString(StandardCharsets.UTF_8);
                }
                position = end + 1;
                return new Line(++number, text, true);
            }
            if (partial == null) {
                partial = new ByteArrayOutputStream();
            }
            partial.write(buffer, position, limit - position);
            position = limit;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
