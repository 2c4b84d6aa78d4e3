package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksASecretAsWrittenAndUrlEncoded() {
        Redaction redaction = Redaction.of(List.of("p@ss word"));
        assertThat(redaction.clean("auth p@ss word failed; url ?password=p%40ss+word"))
                .isEqualTo("auth **** failed; url ?password=****");
    }

    @Test
    void aFailureQuotingASecretKeepsNoCause() {
        Redaction redaction = Redaction.of(List.of("hunter2"));
        IllegalStateException failure = redaction.failure("cannot open",
                new SQLException("FATAL: password hunter2 rejected"));
        assertThat(failure).hasMessage("cannot open: FATAL: password **** rejected").hasNoCause();
    }

    @Test
    void aFailureQuotingNoSecretKeepsItsCause() {
        SQLException cause = new SQLException("Connection refused");
        assertThat(Redaction.of(List.of("hunter2")).failure("cannot open", cause)).hasCause(cause);
    }
}
