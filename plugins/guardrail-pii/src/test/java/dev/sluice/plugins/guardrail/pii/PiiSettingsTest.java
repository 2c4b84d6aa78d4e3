package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiSettingsTest {

    @Test
    void runsEveryDetectorAndRedactsByDefault() {
        PiiCheck check = Checks.check("");
        assertThat(check.kinds()).containsExactly(Kind.values());
        assertThat(check.action(Kind.EMAIL)).isEqualTo(Action.REDACT);
        assertThat(check.action(Kind.PRIVATE_KEY)).isEqualTo(Action.REDACT);
    }

    @Test
    void flagsHighEntropyTokensUnlessToldOtherwise() {
        assertThat(Checks.check("").action(Kind.HIGH_ENTROPY)).isEqualTo(Action.FLAG);
        assertThat(Checks.check("action: block").action(Kind.HIGH_ENTROPY)).isEqualTo(Action.FLAG);
        assertThat(Checks.check("actions: { high_entropy: redact }").action(Kind.HIGH_ENTROPY))
                .isEqualTo(Action.REDACT);
    }

    @Test
    void appliesTheCheckActionAndPerDetectorOverrides() {
        PiiCheck check = Checks.check("action: flag\nactions: { private_key: block, email: redact }");
        List<Finding> findings = input(check, "mail jane@example.com, call 555-010-9999");
        assertThat(findings).extracting(Finding::action).containsExactly(Action.REDACT, Action.FLAG);
        assertThat(check.action(Kind.PRIVATE_KEY)).isEqualTo(Action.BLOCK);
    }

    @Test
    void runsOnlyTheListedDetectors() {
        PiiCheck check = Checks.check("types: [email, credit_card]");
        assertThat(check.kinds()).containsExactly(Kind.CREDIT_CARD, Kind.EMAIL);
        assertThat(input(check, "call 555-010-9999 from 192.0.2.1")).isEmpty();
    }

    @Test
    void findsNothingInAnEmptyTextOrOneWithoutPersonalData() {
        PiiCheck check = Checks.check("");
        assertThat(input(check, "")).isEmpty();
        assertThat(input(check, "The release on 2024-01-15 moved us to version 10.0.19045, order #2024-000123."))
                .isEmpty();
    }

    @Test
    void reportsEachKindWithItsTypeAndMarksItAsPersonalData() {
        List<Finding> findings = input(Checks.check(""), "jane@example.com 4111111111111111");
        assertThat(findings).extracting(Finding::type).containsExactly("EMAIL", "CREDIT_CARD");
        assertThat(findings).allMatch(Finding::pii);
    }

    @Test
    void rejectsAnUnknownAction() {
        assertThatThrownBy(() -> Checks.check("action: retry")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected block, redact or flag");
    }

    @Test
    void rejectsAnUnknownDetector() {
        assertThatThrownBy(() -> Checks.check("types: [email, passport]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("passport");
        assertThatThrownBy(() -> Checks.check("actions: { passport: block }")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown detector");
    }

    @Test
    void rejectsAnActionForADetectorThatDoesNotRun() {
        assertThatThrownBy(() -> Checks.check("types: [email]\nactions: { phone: block }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not in types");
    }

    @Test
    void rejectsAnEmptyListOfTypes() {
        assertThatThrownBy(() -> Checks.check("types: []")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lists no detector");
    }

    @Test
    void rejectsAnAllowPatternThatDoesNotCompile() {
        assertThatThrownBy(() -> Checks.check("allow: [\"/([a-z/\"]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid regular expression");
    }

    @Test
    void acceptsASingleAllowValueWithoutAList() {
        assertThat(input(Checks.check("allow: support@example.com"), "support@example.com")).isEmpty();
    }
}
