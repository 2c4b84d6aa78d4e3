package dev.sluice.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The embedded default configuration, the same file the distribution ships as {@code conf/sluice.yaml}. */
public final class DefaultConfig {
    /** How messages name it. */
    public static final String NAME = "(embedded)/sluice.yaml";

    private DefaultConfig() {
    }

    /** Its text. */
    public static String text() {
        try (InputStream in = DefaultConfig.class.getResourceAsStream("sluice.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the embedded default configuration is missing from the kernel JAR");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
