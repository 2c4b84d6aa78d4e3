package dev.sluice.spi.config;

/**
 * A configuration error that names where it is: file, line and path, as in
 * {@code conf/sluice.yaml:14: models[2].targets[0].provider: unknown provider "opnai" (known: mock, openai)}.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String path;
    private final String problem;

    /**
     * @param location {@code file:line}, or the file alone when the line is unknown
     * @param path the path within the file, e.g. {@code providers[0].api_key}
     * @param problem what is wrong
     */
    public ConfigException(String location, String path, String problem) {
        super(format(location, path, problem));
        this.location = location;
        this.path = path;
        this.problem = problem;
    }

    private static String format(String location, String path, String problem) {
        StringBuilder sb = new StringBuilder();
        if (location != null && !location.isEmpty()) {
            sb.append(location).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** {@code file:line}. */
    public String location() {
        return location;
    }

    /** The path within the file. */
    public String path() {
        return path;
    }

    /** What is wrong, without location and path. */
    public String problem() {
        return problem;
    }
}
