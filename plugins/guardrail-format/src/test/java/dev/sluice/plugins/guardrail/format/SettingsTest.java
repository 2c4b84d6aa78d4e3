package dev.sluice.plugins.guardrail.format;

import static dev.sluice.plugins.guardrail.format.Checks.PERSON_SCHEMA;
import static dev.sluice.plugins.guardrail.format.Checks.check;
import static dev.sluice.plugins.guardrail.format.Checks.inspect;
import static dev.sluice.plugins.guardrail.format.Checks.jsonObjectRequest;
import static dev.sluice.plugins.guardrail.format.Checks.plainRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting, its default, and the errors a bad value gives. */
class SettingsTest {
    @TempDir
    Path home;

    private FormatSettings read(String json) {
        return FormatSettings.from(Checks.settings(json), home, new SchemaCompiler());
    }

    @Test
    void defaultsBlockRequireJsonWhenAskedAndStripFences() {
        FormatSettings settings = read("{}");

        assertThat(settings.schema()).isEmpty();
        assertThat(settings.requireJson()).isEqualTo(RequireJson.WHEN_ASKED);
        assertThat(settings.onInvalid()).isEqualTo(Finding.Action.BLOCK);
        assertThat(settings.stripCodeFences()).isTrue();
    }

    @Test
    void onInvalidRetryMakesRetryFindingsForBothRules() {
        GuardrailCheck retry = check("{\"on_invalid\": \"retry\", \"schema\": " + PERSON_SCHEMA + "}");

        assertThat(inspect(retry, "not json", plainRequest())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("json_parse");
            assertThat(finding.action()).isEqualTo(Finding.Action.RETRY);
        });
        assertThat(inspect(retry, "{\"name\": \"Ada\"}", plainRequest())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("json_schema");
            assertThat(finding.action()).isEqualTo(Finding.Action.RETRY);
            assertThat(finding.detail()).isEqualTo("The previous answer was not valid JSON for the required schema: "
                    + "$: required property 'age' not found. Answer again with only JSON that matches the schema.");
        });
    }

    @Test
    void onInvalidFlagOnlyRecords() {
        assertThat(inspect(check("{\"on_invalid\": \"flag\"}"), "not json", jsonObjectRequest()))
                .extracting(Finding::action).containsExactly(Finding.Action.FLAG);
    }

    @Test
    void valuesAreReadWithoutRegardToCase() {
        FormatSettings settings = read("{\"on_invalid\": \"Retry\", \"require_json\": \"ALWAYS\"}");

        assertThat(settings.onInvalid()).isEqualTo(Finding.Action.RETRY);
        assertThat(settings.requireJson()).isEqualTo(RequireJson.ALWAYS);
    }

    @Test
    void requireJsonTakesBooleansOrAlways() {
        assertThat(read("{\"require_json\": true}").requireJson()).isEqualTo(RequireJson.WHEN_ASKED);
        assertThat(read("{\"require_json\": false}").requireJson()).isEqualTo(RequireJson.NEVER);
        assertThat(read("{\"require_json\": \"always\"}").requireJson()).isEqualTo(RequireJson.ALWAYS);
        assertThatThrownBy(() -> read("{\"require_json\": \"sometimes\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("require_json").hasMessageContaining("expected true, false or always");
    }

    @Test
    void unknownOnInvalidIsAnError() {
        assertThatThrownBy(() -> read("{\"on_invalid\": \"redact\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("on_invalid").hasMessageContaining("expected block, retry or flag");
    }

    @Test
    void stripCodeFencesMustBeABoolean() {
        assertThatThrownBy(() -> read("{\"strip_code_fences\": \"maybe\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("strip_code_fences");
    }

    @Test
    void schemaMustBeAMapping() {
        assertThatThrownBy(() -> read("{\"schema\": \"person.json\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema: expected a JSON schema, written as a mapping");
    }

    @Test
    void schemaWithAMistakeIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> read("{\"schema\": {\"properties\": {\"age\": {\"type\": \"int\"}}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema: not a usable JSON schema")
                .hasMessageContaining("$.properties.age.type");
    }

    @Test
    void schemaWithABrokenPatternIsAnError() {
        assertThatThrownBy(() -> read("{\"schema\": {\"pattern\": \"(unclosed\"}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema: not a usable JSON schema");
    }

    @Test
    void schemaReferringOutsideItselfIsAnError() {
        assertThatThrownBy(() -> read("{\"schema\": {\"$ref\": \"file:///etc/schema.json\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a usable JSON schema");
        assertThatThrownBy(() -> read("{\"schema\": {\"$ref\": \"classpath:draft-07/schema\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a usable JSON schema");
    }

    @Test
    void unknownDialectIsAnError() {
        assertThatThrownBy(() -> read("{\"schema\": {\"$schema\": \"https://example.com/my-dialect\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unsupported $schema");
    }

    @Test
    void schemaFileIsReadRelativeToTheHome() throws IOException {
        Files.createDirectories(home.resolve("schemas"));
        Files.writeString(home.resolve("schemas/person.json"), PERSON_SCHEMA);
        GuardrailCheck check = Checks.check("{\"schema_file\": \"schemas/person.json\"}", home);

        assertThat(inspect(check, "{\"name\": \"Ada\", \"age\": 36}", plainRequest())).isEmpty();
        assertThat(inspect(check, "{\"name\": \"Ada\"}", plainRequest())).extracting(Finding::rule)
                .containsExactly("json_schema");
    }

    @Test
    void missingSchemaFileIsAnError() {
        assertThatThrownBy(() -> read("{\"schema_file\": \"schemas/missing.json\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema_file: cannot read")
                .hasMessageContaining("missing.json");
    }

    @Test
    void schemaFileThatIsNotJsonIsAnError() throws IOException {
        Files.writeString(home.resolve("person.yaml"), "type: object\n");

        assertThatThrownBy(() -> read("{\"schema_file\": \"person.yaml\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a usable JSON schema: not JSON");
    }

    @Test
    void schemaAndSchemaFileTogetherAreAnError() throws IOException {
        Files.writeString(home.resolve("person.json"), PERSON_SCHEMA);

        assertThatThrownBy(() -> read("{\"schema\": {\"type\": \"object\"}, \"schema_file\": \"person.json\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("either schema or schema_file, not both");
    }

    @Test
    void everySettingIsRead() throws IOException {
        Files.writeString(home.resolve("person.json"), PERSON_SCHEMA);
        Settings settings = Checks.settings("{\"schema_file\": \"person.json\", \"require_json\": \"always\", "
                + "\"on_invalid\": \"retry\", \"strip_code_fences\": false}");

        FormatSettings.from(settings, home, new SchemaCompiler());

        assertThat(settings.unreadKeys()).isEmpty();
    }

    @Test
    void unknownKeyIsLeftForTheKernelToReport() {
        Settings settings = Checks.settings("{\"action\": \"block\"}");

        FormatSettings.from(settings, home, new SchemaCompiler());

        assertThat(settings.unreadKeys()).containsExactly("action");
    }
}
