package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that knows Sluice only through GET /api: for each process, the body is made from the request schema of
 * the process's own execute path and posted where the description says, and the job must be accepted and succeed.
 */
class OpenApiClientTest extends OpenApiServer {

    @Test
    void each_process_accepts_a_request_made_from_its_execute_path_in_the_description() {
        String server = document.path("servers").get(0).path("url").asText().replaceAll("/$", "");
        List<String> executed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().matches("/processes/[^{}/]+/execution")) {
                continue;
            }
            JsonNode content = path.getValue().path("post").path("requestBody").path("content");
            Response accepted = content.has("application/json")
                    // why: respond-async, which the description offers, so a task that could answer synchronously answers 201 too
                    ? this.server.http().postJsonAsync(server + path.getKey(), examples().of(content.at("/application~1json/schema")).toString())
                    : postForm(server + path.getKey(), content.path("multipart/form-data"));

            assertThat(accepted.status()).as(path.getKey() + ": " + accepted.body()).isEqualTo(201);
            assertThat(accepted.header("Location")).as(path.getKey()).isNotBlank();
            JsonNode end = this.server.awaitEnd(accepted.json().path("jobID").asText());
            assertThat(end.path("status").asText()).as(path.getKey() + ": " + end).isEqualTo("successful");
            executed.add(path.getKey());
        }
        assertThat(executed).hasSize(4);
    }

    @Test
    void values_the_schema_refuses_the_server_refuses_too() {
        JsonNode schema = resolved(document.at("/paths/~1processes~1echo~1execution/post/requestBody/content/application~1json/schema"));
        JsonNode inputs = schema.at("/properties/inputs");
        ObjectNode valid = (ObjectNode) examples().of(schema);
        assertThat(java.util.regex.Pattern.compile(inputs.at("/properties/text/pattern").asText()).matcher("ab1").find()).isFalse();
        Map<String, java.util.function.Consumer<ObjectNode>> breaches = Map.of(
                "text against the pattern", in -> in.put("text", "ab1"),
                "text over maxLength", in -> in.put("text", "a".repeat(inputs.at("/properties/text/maxLength").asInt() + 1)),
                "n over maximum", in -> in.put("n", inputs.at("/properties/n/maximum").asInt() + 1),
                "colour outside the enum", in -> in.put("colour", "blue"),
                "an input not in properties", in -> in.put("bogus", 1),
                "a required input left out", in -> in.remove(inputs.path("required").get(0).asText()));
        breaches.forEach((what, breach) -> {
            ObjectNode body = valid.deepCopy();
            breach.accept((ObjectNode) body.get("inputs"));

            Response refused = server.http().postJson("/processes/echo/execution", body.toString());

            assertThat(refused.status()).as(what + ": " + refused.body()).isEqualTo(400);
        });
    }

    @Test
    void the_results_of_a_job_match_the_results_schema_of_its_process() {
        String id = server.submit("echo", examples().of(document.at("/components/schemas/echo.execute")).path("inputs").toString());
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        JsonNode results = server.http().get("/jobs/" + id + "/results").json();
        JsonNode schema = document.at("/components/schemas/echo.results/properties");
        assertThat(results.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(() -> schema.fieldNames());
        assertThat(results.path("echo").isTextual()).as("a string output is inlined as its schema says").isTrue();
        assertThat(results.path("page").path("href").asText()).endsWith("/results/page");
    }

    @Test
    void the_form_of_a_process_with_a_file_accepts_every_field_the_description_lists() {
        JsonNode form = document.at("/paths/~1processes~1upload~1execution/post/requestBody/content/multipart~1form-data");
        assertThat(resolved(form.path("schema")).path("properties").fieldNames()).toIterable().containsExactly("data", "label");

        Response accepted = postForm("/processes/upload/execution", form);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    private OpenApiExamples examples() {
        return new OpenApiExamples(this::resolved);
    }

    /** A multipart body with every property of the form's schema: a file of the encoding's type, else its value. */
    private Response postForm(String path, JsonNode form) {
        String boundary = "openapi-client-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        resolved(form.path("schema")).path("properties").properties().forEach(property -> {
            String name = property.getKey();
            JsonNode schema = resolved(property.getValue());
            StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"");
            byte[] content;
            if ("binary".equals(schema.path("format").asText())) {
                String type = form.at("/encoding/" + name + "/contentType").asText("application/octet-stream");
                boolean image = type.startsWith("image/");
                content = image ? TestImages.png(8, 8) : "a file\n".getBytes(StandardCharsets.UTF_8);
                head.append("; filename=\"").append(image ? "in.png" : "in.txt").append("\"\r\nContent-Type: ")
                        .append(image ? "image/png" : type.split(",")[0].trim());
            } else {
                content = examples().of(schema).asText().getBytes(StandardCharsets.UTF_8);
            }
            body.writeBytes(head.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.http().send(server.http().builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
