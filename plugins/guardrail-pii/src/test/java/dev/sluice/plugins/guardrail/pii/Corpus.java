package dev.sluice.plugins.guardrail.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The labelled corpus in {@code src/test/resources/corpus/<rule>.tsv}. */
final class Corpus {

    /** One labelled text: whether it holds the detector's kind, and how many times. */
    record Sample(int line, boolean positive, String text, int expected) {
    }

    private Corpus() {
    }

    static List<Sample> of(Kind kind) {
        String name = "/corpus/" + kind.rule() + ".tsv";
        List<Sample> samples = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no corpus " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String row;
            int line = 0;
            while ((row = reader.readLine()) != null) {
                line++;
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] columns = row.split("\t", -1);
                if (columns.length != 3 || !(columns[0].equals("positive") || columns[0].equals("negative"))) {
                    throw new IllegalStateException(name + ":" + line + ": expected positive|negative, text, count");
                }
                samples.add(new Sample(line, columns[0].equals("positive"), unescape(columns[1]),
                        Integer.parseInt(columns[2].strip())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
