package dev.sluice.plugins.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded upstream answers under {@code src/test/resources/transcripts}. */
final class Transcripts {

    private Transcripts() {
    }

    static InputStream open(String name) {
        InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no transcript " + name);
        }
        return in;
    }

    static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
