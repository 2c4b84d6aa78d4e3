package dev.sluice.plugins.audit.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for the tests, started and stopped by the module's script
 * ({@code src/test/scripts/postgres}) from Debian's packages. Fails, never skips, when PostgreSQL
 * is not installed.
 */
final class PostgresServer {
    static final String USER = "sluice";
    private static final int NOT_INSTALLED = 3;

    private final Path script;
    private final Path folder;
    private final String url;
    private final String password;

    private PostgresServer(Path script, Path folder, String url, String password) {
        this.script = script;
        this.folder = folder;
        this.url = url;
        this.password = password;
    }

    /** Starts a fresh server with an empty database. */
    static PostgresServer start() throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("sluice.test.postgres.script", "src/test/scripts/postgres"))
                .toAbsolutePath();
        Path folder = Path.of(System.getProperty("sluice.test.postgres.dir", "target/postgres")).toAbsolutePath();
        Result result = run(script, "start", folder);
        if (result.code() == NOT_INSTALLED) {
            throw new AssertionError("The PostgreSQL tests need a PostgreSQL server from Debian's packages "
                    + "(/usr/lib/postgresql/*/bin), and none is installed: apt-get install postgresql. "
                    + result.errors().strip());
        }
        if (result.code() != 0) {
            throw new AssertionError("could not start PostgreSQL with " + script + " (exit " + result.code()
                    + "): " + result.errors().strip());
        }
        String url = result.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        String password = Files.readString(folder.resolve("password"), StandardCharsets.UTF_8).strip();
        return new PostgresServer(script, folder, url, password);
    }

    String url() {
        return url;
    }

    String password() {
        return password;
    }

    /** Stops the server (a fast shutdown: connections are cut). */
    void stop() throws IOException, InterruptedException {
        check(run(script, "stop", folder), "stop");
    }

    /** Starts the stopped server again, on the same port with the same data. */
    void resume() throws IOException, InterruptedException {
        check(run(script, "resume", folder), "resume");
    }

    private static void check(Result result, String what) {
        if (result.code() != 0) {
            throw new AssertionError("could not " + what + " PostgreSQL: " + result.errors().strip());
        }
    }

    private static Result run(Path script, String action, Path folder) throws IOException, InterruptedException {
        Path out = Files.createTempFile("postgres-script", ".out");
        Path err = Files.createTempFile("postgres-script", ".err");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), action, folder.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the PostgreSQL script did not finish " + action + " within 3 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Result(int code, String output, String errors) {
    }
}
