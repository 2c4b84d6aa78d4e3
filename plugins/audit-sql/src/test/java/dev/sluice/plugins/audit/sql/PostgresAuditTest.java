package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.VerifyReport;
import dev.sluice.spi.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink on a real PostgreSQL server, started for this class by the module's script. */
class PostgresAuditTest extends SqlAuditSuite {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    String url() {
        return server.url();
    }

    @Override
    void credentials(ObjectNode settings) {
        settings.put("user", PostgresServer.USER).put("password", server.password());
    }

    @Override
    String location(String table) {
        return server.url() + "?user=" + PostgresServer.USER + "&password="
                + URLEncoder.encode(server.password(), StandardCharsets.UTF_8) + "&table=" + table;
    }

    @Test
    void aServerRestartIsRiddenOutWithoutLosingRecords() throws Exception {
        List<String> logged = captureLogs();
        boolean stopped = false;
        try (AuditLog log = open(settings().put("batch_size", 8))) {
            for (var record : simpleRecords(10)) {
                log.write(record);
            }
            log.flush();
            server.stop();
            stopped = true;
            for (var record : simpleRecords(30).subList(10, 30)) {
                log.write(record);
            }
            awaitTrue(() -> log.stats().failed() > 0);
            assertThat(log.stats().queued()).isPositive();
            server.resume();
            stopped = false;
            log.flush();
            assertThat(log.stats().written()).isEqualTo(30);
            assertThat(log.stats().dropped()).isZero();
        } finally {
            if (stopped) {
                server.resume(); // the other tests of the class need the server
            }
            stopCapturing();
        }
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.records()).isEqualTo(30);
        }
        assertThat(logged).anyMatch(m -> m.contains("cannot write to PostgreSQL database"));
        assertThat(logged).anyMatch(m -> m.contains("again after"));
        assertThat(String.join("\n", logged)).doesNotContain(server.password());
    }

    @Test
    void aWrongPasswordFailsTheOpeningWithoutQuotingIt() {
        String wrong = "Wr0ng-" + server.password();
        ObjectNode settings = settings().put("password", wrong);
        assertThatThrownBy(() -> new SqlAuditSink().open(Settings.of(settings), new FakeContext(home)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open PostgreSQL database")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong).doesNotContain(server.password()));
    }

    @Test
    void aPasswordInTheUrlIsNeverQuoted() {
        String wrong = "Wr0ng-" + server.password();
        String location = server.url() + "?user=nobody&password=" + wrong + "&table=" + table;
        assertThatThrownBy(() -> {
            try (AuditStore store = new SqlAuditSink().store(location).orElseThrow()) {
                store.verify();
            }
        }).satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong));
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static List<String> captureLogs() {
        LOGGED.clear();
        Logger.getLogger("dev.sluice.plugins.audit.sql").addHandler(HANDLER);
        return LOGGED;
    }

    private static void stopCapturing() {
        Logger.getLogger("dev.sluice.plugins.audit.sql").removeHandler(HANDLER);
    }
}
