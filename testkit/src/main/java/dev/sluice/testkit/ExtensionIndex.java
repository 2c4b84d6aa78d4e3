package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The class names PF4J's annotation processor wrote into {@code META-INF/extensions.idx} files on
 * a class path, for a plugin's test that its extensions will load:
 * <pre>{@code
 * assertThat(ExtensionIndex.classNames(getClass())).contains(MyAdapter.class.getName());
 * }</pre>
 * Every index on the class path is read, since the test compilation writes its own (empty) one.
 */
public final class ExtensionIndex {
    private ExtensionIndex() {
    }

    /** The indexed extension classes visible to the class loader of {@code anchor}. */
    public static Set<String> classNames(Class<?> anchor) {
        Set<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(anchor.getClassLoader().getResources("META-INF/extensions.idx"))) {
                try (InputStream in = url.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
