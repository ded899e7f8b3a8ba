package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.testing.HttpTestClient.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** GET /api: a valid OpenAPI 3.0 description of every route, in JSON and YAML, linked from the landing page. */
class OpenApiDocumentTest extends OpenApiServer {

    @Test
    void req_oas30_oas_definition_2_the_description_is_valid_openapi_3_0_by_the_reference_parser() {
        Response api = server.http().get("/api");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("Content-Type")).startsWith("application/vnd.oai.openapi+json;version=3.0");

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.body(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.0.");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/processes/echo/execution", "/processes/upload/execution",
                "/processes/picture/execution", "/processes/plain-task/execution");
    }

    @Test
    void req_oas30_oas_impl_every_route_the_server_serves_is_described_and_nothing_else() {
        Set<String> served = new TreeSet<>();
        for (String route : server.server().routes()) {
            // why: a static mount answers methods other than GET and HEAD only with 405, which the description leaves out
            boolean refusal = (route.startsWith("/files", route.indexOf(' ') + 1) || route.contains(" /<path>"))
                    && !route.startsWith("GET ") && !route.startsWith("HEAD ");
            if (!refusal) {
                served.add(templated(route));
            }
        }
        Set<String> described = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                described.add(templated(op.getKey().toUpperCase(java.util.Locale.ROOT) + " "
                        + path.getKey().replaceFirst("^/processes/[a-z0-9_-]+/execution$", "/processes/{processID}/execution")))));

        assertThat(described).isEqualTo(served);
    }

    @Test
    void each_task_has_its_inputs_and_outputs_in_the_description() {
        JsonNode inputs = resolved(document.at("/paths/~1processes~1echo~1execution/post/requestBody/content/application~1json/schema"))
                .path("properties").path("inputs");
        assertThat(inputs.at("/properties/text/pattern").asText()).isEqualTo("^(?:[a-z ]+)$");
        assertThat(inputs.at("/properties/text/maxLength").asInt()).isEqualTo(20);
        assertThat(inputs.at("/properties/n/minimum").asInt()).isEqualTo(1);
        assertThat(inputs.at("/properties/n/maximum").asInt()).isEqualTo(10);
        assertThat(inputs.at("/properties/n/default").asInt()).isEqualTo(3);
        assertThat(inputs.at("/properties/colour/enum").toString()).isEqualTo("[\"red\",\"green\"]");
        assertThat(inputs.path("required").toString()).isEqualTo("[\"text\",\"level\",\"flag\"]");
        assertThat(document.at("/components/parameters/processID/schema/enum").toString())
                .isEqualTo("[\"echo\",\"upload\",\"picture\",\"plain-task\"]");
        JsonNode results = document.at("/components/schemas/echo.results/properties");
        assertThat(results.fieldNames()).toIterable().containsExactly("echo", "page");

        assertThat(document.at("/paths/~1processes~1plain-task~1execution/post/responses").has("200"))
                .as("a task with sync answers its results").isTrue();
        assertThat(document.at("/paths/~1processes~1echo~1execution/post/responses").has("200")).isFalse();
        assertThat(document.at("/paths/~1processes~1echo~1execution/post/parameters/0/$ref").asText())
                .isEqualTo("#/components/parameters/Prefer");
        assertThat(document.at("/components/schemas/Subscriber/properties").fieldNames()).toIterable()
                .containsExactly("successUri", "inProgressUri", "failedUri");

        JsonNode upload = document.at("/paths/~1processes~1upload~1execution/post/requestBody/content");
        assertThat(upload.has("application/json")).as("a required file cannot travel in JSON").isFalse();
        assertThat(upload.at("/multipart~1form-data/encoding/data/contentType").asText()).isEqualTo("text/plain");
        assertThat(resolved(upload.at("/multipart~1form-data/schema")).at("/properties/data/format").asText()).isEqualTo("binary");
    }

    @Test
    void the_yaml_form_is_the_same_document() throws Exception {
        for (Map<String, String> asking : java.util.List.of(Map.<String, String>of(),
                Map.of("Accept", "application/vnd.oai.openapi;version=3.0"), Map.of("Accept", "application/yaml"))) {
            Response yaml = server.http().get(asking.isEmpty() ? "/api?f=yaml" : "/api", asking);
            assertThat(yaml.status()).isEqualTo(200);
            assertThat(yaml.header("Content-Type")).as(asking.toString()).startsWith("application/vnd.oai.openapi;version=3.0");
            assertThat(new YAMLMapper().readTree(yaml.body())).as(asking.toString()).isEqualTo(document);
            assertThat(new OpenAPIV3Parser().readContents(yaml.body(), null, new ParseOptions()).getMessages()).isEmpty();
        }
        assertThat(new ObjectMapper().readTree(server.http().get("/api", Map.of("Accept", "application/json")).body()))
                .isEqualTo(document);
    }

    @Test
    void an_unknown_form_is_refused_with_a_problem_naming_the_parameter() {
        Response refused = server.http().get("/api?f=xml");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("parameter").asText()).isEqualTo("f");
    }

    @Test
    void the_landing_page_links_the_description_and_its_documentation_and_conformance_declares_oas30() {
        JsonNode links = server.http().get("/").json().path("links");
        JsonNode desc = link(links, "service-desc");
        JsonNode doc = link(links, "service-doc");

        assertThat(desc.path("type").asText()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
        assertThat(server.http().get(desc.path("href").asText()).status()).isEqualTo(200);
        assertThat(doc.path("type").asText()).isEqualTo("text/html");
        assertThat(server.http().get(doc.path("href").asText()).header("Content-Type")).startsWith("text/html");
        assertThat(server.http().get("/conformance").json().path("conformsTo").toString())
                .contains("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/oas30");
    }

    private static JsonNode link(JsonNode links, String rel) {
        for (JsonNode link : links) {
            if (rel.equals(link.path("rel").asText())) {
                return link;
            }
        }
        throw new AssertionError("no link " + rel + " in " + links);
    }

    // why: the router names path parameters its own way ({id}, {task}); only their places must agree
    private static String templated(String route) {
        return route.replaceAll("\\{[^}/]+}|<[^>/]+>", "{}");
    }
}
