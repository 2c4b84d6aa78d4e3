package dev.sluice.plugins.guardrail.format;

import static dev.sluice.plugins.guardrail.format.Checks.PERSON_SCHEMA;
import static dev.sluice.plugins.guardrail.format.Checks.check;
import static dev.sluice.plugins.guardrail.format.Checks.inspect;
import static dev.sluice.plugins.guardrail.format.Checks.jsonObjectRequest;
import static dev.sluice.plugins.guardrail.format.Checks.plainRequest;
import static dev.sluice.plugins.guardrail.format.Checks.schemaRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers against a configured schema: what is a violation, and how the detail reads. */
class SchemaValidationTest {
    private final GuardrailCheck check = check("{\"schema\": " + PERSON_SCHEMA + "}");

    private String detail(String answer) {
        return detail(check, answer);
    }

    private static String detail(GuardrailCheck check, String answer) {
        List<Finding> findings = inspect(check, answer, plainRequest());
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("json_schema");
            assertThat(finding.type()).isEqualTo("FORMAT");
            assertThat(finding.hasSpan()).isFalse();
            assertThat(finding.action()).isEqualTo(Finding.Action.BLOCK);
        });
        return findings.get(0).detail();
    }

    @Test
    void answerMatchingTheSchemaPasses() {
        assertThat(inspect(check, "{\"name\": \"Ada\", \"age\": 36, \"role\": \"admin\"}", plainRequest())).isEmpty();
    }

    @Test
    void wrongTypeNamesThePathAndBothTypes() {
        assertThat(detail("{\"name\": \"Ada\", \"age\": \"thirty-six\"}")).isEqualTo(
                "The previous answer was not valid JSON for the required schema: $.age: string found, integer "
                        + "expected. Answer again with only JSON that matches the schema.");
    }

    @Test
    void missingRequiredPropertyIsNamed() {
        assertThat(detail("{\"name\": \"Ada\"}")).contains("$: required property 'age' not found");
    }

    @Test
    void valueOutsideTheEnumListsTheAllowedValues() {
        assertThat(detail("{\"name\": \"Ada\", \"age\": 36, \"role\": \"owner\"}"))
                .contains("$.role: does not have a value in the enumeration [\"admin\", \"editor\", \"viewer\"]");
    }

    @Test
    void propertyTheSchemaDoesNotAllowIsNamed() {
        assertThat(detail("{\"name\": \"Ada\", \"age\": 36, \"nickname\": \"A\"}")).contains(
                "$: property 'nickname' is not defined in the schema and the schema does not allow additional properties");
    }

    @Test
    void detailNamesPathsAndRulesButNoValueOfTheAnswer() {
        String detail = detail("{\"name\": 4155550123, \"age\": \"zebra-age\", \"role\": \"zebra-role\", "
                + "\"minimum\": -5}");

        assertThat(detail).doesNotContain("zebra").doesNotContain("4155550123").doesNotContain("-5");
    }

    @Test
    void listsAtMostFiveViolationsAndCountsTheRest() {
        String detail = detail("{\"name\": 1, \"age\": -1, \"role\": 2, \"a\": 0, \"b\": 0, \"c\": 0, \"d\": 0}");

        assertThat(detail.split("; ")).hasSize(5);
        assertThat(detail).contains("(and 2 more).");
    }

    @Test
    void answerThatIsNotJsonIsAParseFindingWordedForTheSchema() {
        List<Finding> findings = inspect(check, "Ada, 36", plainRequest());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("json_parse");
            assertThat(finding.detail())
                    .startsWith("The previous answer was not valid JSON for the required schema: ")
                    .endsWith(" Answer again with only JSON that matches the schema.");
        });
    }

    @Test
    void configuredSchemaWinsOverTheRequestSchema() {
        String otherSchema = "{\"type\": \"object\", \"required\": [\"city\"]}";

        assertThat(inspect(check, "{\"city\": \"Paris\"}", schemaRequest(otherSchema)))
                .extracting(Finding::rule).containsExactly("json_schema");
        assertThat(inspect(check, "{\"name\": \"Ada\", \"age\": 36}", schemaRequest(otherSchema))).isEmpty();
    }

    @Test
    void requireJsonFalseStillHoldsJsonAnswersToTheSchema() {
        GuardrailCheck lenient = check("{\"require_json\": false, \"schema\": " + PERSON_SCHEMA + "}");

        assertThat(inspect(lenient, "Ada is 36.", jsonObjectRequest())).isEmpty();
        assertThat(inspect(lenient, "{\"name\": \"Ada\"}", jsonObjectRequest()))
                .extracting(Finding::rule).containsExactly("json_schema");
    }

    @Test
    void schemaMayReferToItsOwnDefinitions() {
        GuardrailCheck withDefs = check("""
                {"schema": {"type": "object",
                  "properties": {"home": {"$ref": "#/$defs/address"}, "work": {"$ref": "#/$defs/address"}},
                  "$defs": {"address": {"type": "object", "required": ["city"]}}}}""");

        assertThat(inspect(withDefs, "{\"home\": {\"city\": \"Paris\"}, \"work\": {}}", plainRequest()))
                .singleElement().satisfies(f -> assertThat(f.detail()).contains("$.work: required property 'city' not found"));
    }

    @Test
    void olderDialectsAreReadAsTheySay() {
        GuardrailCheck draft7 = check("""
                {"schema": {"$schema": "http://json-schema.org/draft-07/schema#",
                  "type": "array", "items": {"type": "integer"}, "additionalItems": false}}""");

        assertThat(inspect(draft7, "[1, 2, 3]", plainRequest())).isEmpty();
        assertThat(inspect(draft7, "[1, \"two\"]", plainRequest()))
                .singleElement().satisfies(f -> assertThat(f.detail()).contains("$[1]: string found, integer expected"));
    }

    @Test
    void formatsAreCheckedInEveryDialect() {
        GuardrailCheck formats = check("""
                {"schema": {"type": "object", "properties": {
                  "email": {"type": "string", "format": "email"},
                  "at": {"type": "string", "format": "date-time"},
                  "colour": {"type": "string", "format": "x-house-colour"}}}}""");

        assertThat(inspect(formats, "{\"email\": \"ada@example.com\", \"at\": \"2024-05-01T10:00:00Z\", "
                + "\"colour\": \"teal\"}", plainRequest())).isEmpty();
        assertThat(detail(formats, "{\"email\": \"ada at example\", \"at\": \"2024-05-01 10h\"}")).contains(
                "$.email: does not match the email format; it must be a valid RFC 5321 Mailbox",
                "$.at: does not match the date-time format; it must be a valid RFC 3339 date-time");
    }

    @Test
    void catastrophicPatternGivesUpQuicklyWithAFinding() {
        GuardrailCheck slow = check("""
                {"schema": {"type": "object", "properties": {"code": {"type": "string", "pattern": "^((a+)+)+$"}}}}""");
        String answer = "{\"code\": \"" + "a".repeat(40) + "!\"}";

        long start = System.nanoTime();
        List<Finding> findings = inspect(slow, answer, plainRequest());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.detail()).contains("too long or too complex"));
        assertThat(millis).as("milliseconds spent").isLessThan(5_000);
    }
}
