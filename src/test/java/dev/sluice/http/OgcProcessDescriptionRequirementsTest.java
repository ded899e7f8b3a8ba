package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ogc-process-description conformance class of OGC API – Processes – Part 1 (/req/ogc-process-description/…),
 * each test named after the requirement it pins, on a server whose tasks have every kind of input and output.
 */
class OgcProcessDescriptionRequirementsTest extends ServerFixture {

    private static final Set<String> CONTROL = Set.of("sync-execute", "async-execute", "dismiss");
    private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private List<JsonNode> descriptions;

    @BeforeEach
    void startWithEveryKindOfInputAndOutput() {
        Path done = Scripts.write(dir.resolve("scripts"), "done.sh", """
                printf 'hi' > "$1/text.txt"; printf '4.5' > "$1/n.txt"; printf '{"a": 1}' > "$1/doc.json"
                printf 'x,y' > "$1/table.csv\"""");
        start("""
                tasks:
                  values:
                    title: Every kind of value
                    command: %1$s
                    inputs:
                      text: { type: string, max-length: 5, pattern: "[a-z]+", required: false }
                      colour: { type: string, enum: [red, green], required: false }
                      count: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0, max: 1, step: 0.25, required: false }
                      level: { type: integer, min: 1, max: 9, step: 2, required: false }
                      flag: { type: boolean, default: false }
                    outputs:
                      text: { file: text.txt, type: string }
                      n: { file: n.txt, type: number }
                      doc: { file: doc.json, type: json }
                      table: { file: table.csv }
                  files:
                    command: %1$s
                    inputs:
                      table: { type: file, accept: [text/csv, application/json], max-size: 4KB }
                      picture: { type: image, max-pixels: 10000, required: false }
                      notes: { type: file, accept: [text/plain], required: false }
                      anything: { type: file, required: false }
                """.formatted(Scripts.command(done, "{out}")));
        descriptions = new ArrayList<>();
        server.http().get("/processes").json().path("processes").forEach(summary -> {
            Response description = server.http().get("/processes/" + summary.path("id").asText());
            assertThat(description.status()).isEqualTo(200);
            descriptions.add(description.json());
        });
        assertThat(descriptions).hasSize(2);
    }

    @Test
    void req_ogc_process_description_json_encoding() {
        for (JsonNode process : descriptions) {
            String id = process.path("id").asText();
            assertThat(process.path("id").isTextual()).isTrue();
            assertThat(process.path("version").isTextual()).as(id).isTrue();
            assertThat(process.path("title").isTextual()).as(id).isTrue();
            process.path("jobControlOptions").forEach(option -> assertThat(option.asText()).as(id).isIn(CONTROL));
            assertThat(process.path("outputTransmission")).extracting(JsonNode::asText).as(id).isSubsetOf("value", "reference");
            assertThat(process.path("links").isArray()).as(id).isTrue();
            process.path("links").forEach(link -> assertThat(link.path("href").isTextual()).as(id + " " + link).isTrue());
            assertThat(process.path("inputs").isObject()).as(id).isTrue();
            assertThat(process.path("outputs").isObject()).as(id).isTrue();
        }
    }

    @Test
    void req_ogc_process_description_inputs_def() {
        for (JsonNode process : descriptions) {
            process.path("inputs").properties().forEach(entry -> {
                String at = process.path("id").asText() + "/" + entry.getKey();
                JsonNode input = entry.getValue();
                assertThat(input.path("schema").isObject()).as(at).isTrue();
                assertThat(input.path("title").isTextual()).as(at).isTrue();
                assertThat(input.path("minOccurs").isInt()).as(at).isTrue();
                assertThat(input.path("maxOccurs").isInt() || input.path("maxOccurs").asText().equals("unbounded")).as(at).isTrue();
            });
        }
        Response byKey = server.http().postJsonAsync("/processes/values/execution", "{\"inputs\": {\"count\": 4, \"colour\": \"red\"}}");
        assertThat(byKey.status()).as("the keys of inputs name them in an execute request: " + byKey.body()).isEqualTo(201);
        Response unknown = server.http().postJsonAsync("/processes/values/execution", "{\"inputs\": {\"Count\": 4}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("input").asText()).isEqualTo("Count");
    }

    @Test
    void req_ogc_process_description_input_def() {
        for (JsonNode process : descriptions) {
            process.path("inputs").properties().forEach(entry -> {
                String at = process.path("id").asText() + "/inputs/" + entry.getKey() + "/schema";
                assertThat(OgcSchemaRules.problems(entry.getValue().path("schema"), at)).isEmpty();
            });
        }
        JsonNode level = description("values").at("/inputs/level");
        assertThat(level.path("x-sluice-step").asInt()).as("Sluice's own keys sit beside the schema").isEqualTo(2);
    }

    @Test
    void req_ogc_process_description_input_def_the_server_validates_each_value_by_the_published_schema() {
        JsonNode inputs = description("values").path("inputs");
        Map<String, List<Object>> candidates = Map.of(
                "text", List.of("abc", "abcde", "abcdef", "ab1", "", 5, true),
                "colour", List.of("red", "green", "blue", "Red", 1),
                "count", List.of(1, 10, 0, 11, 2.5, "4", false),
                "ratio", List.of(0, 0.25, 1, 0.3, -0.25, 1.25, "0.5"),
                "flag", List.of(true, false, "true", 1));
        candidates.forEach((name, values) -> {
            Schema schema = VALIDATORS.getSchema(inputs.path(name).path("schema").toString(), InputFormat.JSON);
            for (Object value : values) {
                String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
                boolean valid = schema.validate(text, InputFormat.JSON).isEmpty();
                Response answer = server.http().postJsonAsync("/processes/values/execution",
                        "{\"inputs\": {\"" + name + "\": " + text + "}}");
                assertThat(answer.status()).as(name + " = " + text + " is " + (valid ? "valid" : "invalid") + ": " + answer.body())
                        .isEqualTo(valid ? 201 : 400);
                if (!valid) {
                    assertThat(answer.json().path("input").asText()).isEqualTo(name);
                }
            }
        });
    }

    @Test
    void req_ogc_process_description_input_mixed_type() {
        JsonNode table = description("files").at("/inputs/table/schema");

        assertThat(table.path("oneOf").size()).isEqualTo(2);
        assertThat(OgcSchemaRules.problems(table, "table")).isEmpty();
        assertThat(table.path("oneOf").get(0).path("contentMediaType").asText()).as("the default format: the first accepted")
                .isEqualTo("text/csv");
        assertThat(table.path("oneOf").get(1).path("contentMediaType").asText()).isEqualTo("application/json");
        JsonNode picture = description("files").at("/inputs/picture/schema");
        assertThat(picture.path("oneOf").findValuesAsText("contentMediaType")).contains("image/png", "image/jpeg");
        JsonNode notes = description("files").at("/inputs/notes/schema");
        assertThat(notes.has("oneOf")).as("one type is not mixed").isFalse();
        assertThat(notes.path("contentMediaType").asText()).isEqualTo("text/plain");
    }

    @Test
    void req_ogc_process_description_outputs_def() {
        for (JsonNode process : descriptions) {
            process.path("outputs").properties().forEach(entry -> {
                String at = process.path("id").asText() + "/" + entry.getKey();
                assertThat(entry.getValue().path("schema").isObject()).as(at).isTrue();
                assertThat(entry.getValue().path("title").isTextual()).as(at).isTrue();
            });
        }
        String id = server.http().postJsonAsync("/processes/values/execution", "{}").json().path("jobID").asText();
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");
        JsonNode results = server.http().get("/jobs/" + id + "/results").json();
        assertThat(fieldNames(results)).as("the keys of outputs name them in the results")
                .containsExactlyInAnyOrderElementsOf(fieldNames(description("values").path("outputs")));
    }

    @Test
    void req_ogc_process_description_output_def() {
        for (JsonNode process : descriptions) {
            process.path("outputs").properties().forEach(entry -> {
                String at = process.path("id").asText() + "/outputs/" + entry.getKey() + "/schema";
                assertThat(OgcSchemaRules.problems(entry.getValue().path("schema"), at)).isEmpty();
            });
        }
        JsonNode outputs = description("values").path("outputs");
        assertThat(outputs.at("/text/schema/type").asText()).isEqualTo("string");
        assertThat(outputs.at("/n/schema/type").asText()).isEqualTo("number");
        assertThat(outputs.at("/table/schema/contentMediaType").asText()).startsWith("text/csv");
    }

    /** No output of Sluice has several types (a file's type follows from its name), so none needs a oneOf. */
    @Test
    void req_ogc_process_description_output_mixed_type_does_not_arise_each_output_has_one_type() {
        for (JsonNode process : descriptions) {
            process.path("outputs").forEach(output -> assertThat(output.path("schema").has("oneOf")).as(output.toString()).isFalse());
        }
    }

    @Test
    void req_ogc_process_description_input_binary() throws Exception {
        byte[] csv = "x,y\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String plain = java.util.Base64.getEncoder().encodeToString(csv);
        String lines = java.util.Base64.getMimeEncoder(4, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(csv);
        for (String table : List.of("\"" + plain + "\"", "{\"value\": \"" + plain + "\", \"mediaType\": \"text/csv\"}",
                "\"" + lines.replace("\n", "\\n") + "\"")) {
            Response created = server.http().postJsonAsync("/processes/files/execution", "{\"inputs\": {\"table\": " + table + "}}");
            assertThat(created.status()).as(table + ": " + created.body()).isEqualTo(201);
            Path in = server.dataDir().resolve("jobs").resolve(created.json().path("jobID").asText()).resolve("in");
            assertThat(java.nio.file.Files.readAllBytes(in.resolve("table.csv"))).as("stored as an upload is").isEqualTo(csv);
        }

        Response notBase64 = server.http().postJsonAsync("/processes/files/execution", "{\"inputs\": {\"table\": \"x,y\"}}");
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(notBase64.json().path("input").asText()).isEqualTo("table");
        String png = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        Response wrongType = server.http().postJsonAsync("/processes/files/execution", "{\"inputs\": {\"table\": \"" + png + "\"}}");
        assertThat(wrongType.status()).as("judged by its content, as an upload").isEqualTo(400);
        assertThat(wrongType.json().path("detail").asText()).contains("text/csv");
        String big = java.util.Base64.getEncoder().encodeToString("a,b\n".repeat(2000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Response tooLarge = server.http().postJsonAsync("/processes/files/execution", "{\"inputs\": {\"table\": \"" + big + "\"}}");
        assertThat(tooLarge.status()).as("over the input's max-size").isEqualTo(413);
    }

    private JsonNode description(String id) {
        return descriptions.stream().filter(d -> d.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
