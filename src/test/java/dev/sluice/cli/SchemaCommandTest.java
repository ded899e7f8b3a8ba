package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.ConfigSchemaCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `sluice schema` prints the draft-07 schema that docs/sluice.schema.json publishes, and the demo's config passes it. */
class SchemaCommandTest {

    private static final Path PUBLISHED = Path.of("docs", "sluice.schema.json");

    @Test
    void the_published_file_is_what_sluice_schema_prints() throws Exception {
        Run run = SluiceCommand.run("schema");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.exists(PUBLISHED)).as("%s exists", PUBLISHED).isTrue();
        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8))
                .as("%s is out of date with the config records or src/main/resources/config/schema-notes.yaml;"
                        + " regenerate it with: ./sluice schema > docs/sluice.schema.json", PUBLISHED)
                .isEqualTo(run.out());
    }

    @Test
    void the_schema_is_draft_07_and_closes_the_top_level_to_unknown_keys() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SluiceCommand.run("schema").out());

        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("properties").path("tasks").path("additionalProperties").path("properties").path("limits")
                .path("properties").path("timeout").path("default").asText()).isEqualTo("1h");
    }

    @Test
    void the_demo_config_passes_the_schema() {
        assertThat(ConfigSchemaCheck.problems(DemoConfig.text())).isEmpty();
    }

    @Test
    void help_says_how_an_editor_uses_it() {
        Run run = SluiceCommand.run("schema", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("JSON Schema", "# yaml-language-server: $schema=");
        assertThat(SluiceCommand.run("--help").out()).contains("schema");
    }
}
