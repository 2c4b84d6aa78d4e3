package dev.sluice.plugins.audit.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JDBC URL split into what comes before {@code ?} and its {@code name=value} parameters, so that
 * parameters can be read (a password to redact) or taken out (this sink's own {@code table}).
 *
 * @param base the URL up to {@code ?}
 * @param parameters the parameters as written ({@code name=value}), in order
 */
record JdbcUrl(String base, List<String> parameters) {

    JdbcUrl {
        parameters = List.copyOf(parameters);
    }

    static JdbcUrl parse(String url) {
        int at = url.indexOf('?');
        if (at < 0) {
            return new JdbcUrl(url, List.of());
        }
        List<String> parameters = new ArrayList<>();
        for (String part : url.substring(at + 1).split("&")) {
            if (!part.isEmpty()) {
                parameters.add(part);
            }
        }
        return new JdbcUrl(url.substring(0, at), parameters);
    }

    /** A parameter's value, URL-decoded. */
    Optional<String> parameter(String name) {
        for (String part : parameters) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (key.equals(name)) {
                String value = eq < 0 ? "" : part.substring(eq + 1);
                try {
                    return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** The raw (undecoded) value of a parameter, as it appears in the URL. */
    Optional<String> rawParameter(String name) {
        return parameters.stream().filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1)).findFirst();
    }

    /** This URL without a parameter. */
    JdbcUrl without(String name) {
        List<String> kept = new ArrayList<>(parameters);
        kept.removeIf(p -> p.equals(name) || p.startsWith(name + "="));
        return new JdbcUrl(base, kept);
    }

    /** This URL with another base. */
    JdbcUrl withBase(String newBase) {
        return new JdbcUrl(newBase, parameters);
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? base : base + "?" + String.join("&", parameters);
    }
}
