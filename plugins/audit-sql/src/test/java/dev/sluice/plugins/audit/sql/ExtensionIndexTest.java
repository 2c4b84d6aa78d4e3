package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheSqlSinkForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(SqlAuditSink.class.getName());
    }
}
