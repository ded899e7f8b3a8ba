package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import org.junit.jupiter.api.Test;

/** The process list and process descriptions: every task with its links, inputs with their schemas, outputs with their types. */
class ProcessDescriptionTest extends JobApiServer {

    // --- processes

    @Test
    void the_process_list_names_every_task_with_its_links() {
        Response r = http.get("/processes");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.path("processes").findValuesAsText("id")).containsExactly("echo", "upload", "leak", "gate");
        JsonNode echo = doc.path("processes").get(0);
        assertThat(echo.path("title").asText()).isEqualTo("Echo a text");
        assertThat(hrefOf(echo.path("links"), "self")).isEqualTo(http.base() + "/processes/echo");
        assertThat(hrefOf(echo.path("links"), "http://www.opengis.net/def/rel/ogc/1.0/execute")).isEqualTo(http.base() + "/processes/echo/execution");
        assertThat(hrefOf(doc.path("links"), "self")).isEqualTo(http.base() + "/processes");
    }

    @Test
    void a_string_input_is_described_with_its_max_length_and_pattern() {
        JsonNode schema = describeEcho().path("inputs").path("text").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.path("maxLength").asInt()).isEqualTo(20);
        assertThat(schema.path("pattern").asText()).as("anchored, as the server matches it").isEqualTo("^(?:[a-z ]*)$");
    }

    @Test
    void an_enum_input_is_described_with_its_allowed_values() {
        JsonNode schema = describeEcho().path("inputs").path("colour").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.path("enum")).extracting(JsonNode::asText).containsExactly("red", "green");
    }

    @Test
    void an_integer_input_is_described_with_its_range_and_default() {
        JsonNode schema = describeEcho().path("inputs").path("n").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("integer");
        assertThat(schema.path("minimum").asInt()).isEqualTo(1);
        assertThat(schema.path("maximum").asInt()).isEqualTo(10);
        assertThat(schema.path("default").isInt()).isTrue();
        assertThat(schema.path("default").asInt()).isEqualTo(3);
    }

    @Test
    void a_number_input_is_described_with_its_range() {
        JsonNode schema = describeEcho().path("inputs").path("ratio").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("number");
        assertThat(schema.path("minimum").decimalValue()).isEqualByComparingTo("0");
        assertThat(schema.path("maximum").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void a_step_counted_from_a_multiple_of_itself_is_described_as_multiple_of() {
        JsonNode schema = describeEcho().path("inputs").path("ratio").path("schema");

        assertThat(schema.path("multipleOf").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(schema.has("x-sluice-step")).isFalse();
    }

    @Test
    void a_step_counted_from_a_minimum_off_its_multiples_is_described_as_x_sluice_step() {
        JsonNode schema = describeEcho().path("inputs").path("level").path("schema");

        assertThat(describeEcho().path("inputs").path("level").path("x-sluice-step").asInt()).as("beside the schema").isEqualTo(2);
        assertThat(schema.has("x-sluice-step")).isFalse();
        assertThat(schema.path("minimum").asInt()).isEqualTo(1);
        assertThat(schema.has("multipleOf")).isFalse();
    }

    @Test
    void a_boolean_input_is_described_with_its_default() {
        JsonNode schema = describeEcho().path("inputs").path("flag").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("boolean");
        assertThat(schema.path("default").isBoolean()).isTrue();
        assertThat(schema.path("default").asBoolean()).isFalse();
    }

    @Test
    void only_inputs_that_must_be_sent_have_min_occurs_one() {
        JsonNode inputs = describeEcho().path("inputs");

        assertThat(inputs.path("text").path("minOccurs").asInt(-1)).isEqualTo(1);
        assertThat(inputs.path("n").path("minOccurs").asInt(-1)).isZero();
        assertThat(inputs.path("ratio").path("minOccurs").asInt(-1)).isZero();
        assertThat(inputs.path("flag").path("minOccurs").asInt(-1)).isZero();
        assertThat(inputs.path("colour").path("minOccurs").asInt(-1)).isZero();
    }

    @Test
    void outputs_are_described_as_inline_values_or_files_with_their_media_type() {
        JsonNode outputs = describeEcho().path("outputs");

        assertThat(outputs.path("echo").path("schema").path("type").asText()).isEqualTo("string");
        assertThat(outputs.path("echo").path("schema").has("format")).isFalse();
        assertThat(outputs.path("page").path("schema").path("format").asText()).isEqualTo("binary");
        assertThat(outputs.path("page").path("schema").path("contentMediaType").asText()).startsWith("text/html");
    }

    // --- helpers

    private JsonNode describeEcho() {
        Response r = http.get("/processes/echo");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }
}
