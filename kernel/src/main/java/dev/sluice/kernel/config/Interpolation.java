package dev.sluice.kernel.config;

import dev.sluice.spi.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code $${literal}} in configuration text.
 *
 * <p>Placeholders are replaced by tokens of letters and digits before the YAML is parsed, so
 * that they are safe anywhere a scalar may stand, and resolved afterwards in string values.
 */
final class Interpolation {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern TOKEN = Pattern.compile("SLUICEVAR(\\d+)X");

    private record Variable(String name, Optional<String> fallback) {
    }

    private final String text;
    private final List<Variable> variables;

    private Interpolation(String text, List<Variable> variables) {
        this.text = text;
        this.variables = variables;
    }

    static Interpolation prepare(String source, String file) {
        List<Variable> variables = new ArrayList<>();
        StringBuilder out = new StringBuilder(source.length());
        int line = 1;
        int last = 0;
        Matcher m = PLACEHOLDER.matcher(source);
        while (m.find()) {
            out.append(source, last, m.start());
            line += count(source, last, m.start());
            last = m.end();
            if (m.group().equals("$${")) {
                out.append("SLUICELITERALX");
                continue;
            }
            if (isComment(source, m.start())) {
                out.append(m.group());
                continue;
            }
            variables.add(new Variable(m.group(1), Optional.ofNullable(m.group(3))));
            out.append("SLUICEVAR").append(variables.size() - 1).append('X');
        }
        out.append(source, last, source.length());
        if (out.indexOf("${") >= 0 && !allInComments(out)) {
            int at = out.indexOf("${");
            throw new ConfigException(file + ":" + (1 + count(out, 0, at)), "",
                    "malformed placeholder: use ${VAR} or ${VAR:-default}");
        }
        return new Interpolation(out.toString(), variables);
    }

    String text() {
        return text;
    }

    /** Resolves the tokens in one scalar value. */
    String resolve(String value, Function<String, Optional<String>> env, String location, String path) {
        if (value.indexOf("SLUICE") < 0) {
            return value;
        }
        Matcher m = TOKEN.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Variable variable = variables.get(Integer.parseInt(m.group(1)));
            Optional<String> set = env.apply(variable.name()).filter(v -> !v.isEmpty());
            String resolved = set.or(variable::fallback).orElseThrow(() -> new ConfigException(location, path,
                    "environment variable " + variable.name() + " is not set (write ${" + variable.name()
                            + ":-default} to give a default)"));
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString().replace("SLUICELITERALX", "${");
    }

    private static int count(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isComment(String source, int at) {
        int lineStart = source.lastIndexOf('\n', at - 1) + 1;
        String before = source.substring(lineStart, at);
        // A '#' after whitespace (or at the line start) opens a YAML comment; quoted '#' is rare in config.
        return before.startsWith("#") || before.contains(" #");
    }

    private static boolean allInComments(CharSequence text) {
        for (String line : text.toString().split("\n", -1)) {
            int at = line.indexOf("${");
            if (at >= 0 && !isComment(line, at)) {
                return false;
            }
        }
        return true;
    }
}
