package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import org.junit.jupiter.api.Test;

/**
 * File and image inputs are described with the keywords a form derives its checks from: accepted types and limits,
 * Sluice's own beside the schema (OGC's schema.yaml allows no others in it), several types as a oneOf.
 */
class UploadDescriptionTest extends UploadServer {

    @Test
    void a_file_input_with_one_accepted_type_names_it_as_its_content_media_type() {
        JsonNode schema = inputSchema("files", "picture");

        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.path("format").asText()).isEqualTo("binary");
        assertThat(schema.path("contentMediaType").asText()).isEqualTo("image/png");
        assertThat(input("files", "picture").path("x-sluice-accept")).extracting(JsonNode::asText).containsExactly("image/png");
    }

    @Test
    void a_file_input_with_several_accepted_types_lists_them_with_its_size_limit() {
        JsonNode schema = inputSchema("files", "table");
        JsonNode input = input("files", "table");

        assertThat(schema.path("oneOf").findValuesAsText("contentMediaType")).containsExactly("text/csv", "application/json");
        assertThat(input.path("x-sluice-accept")).extracting(JsonNode::asText).containsExactly("text/csv", "application/json");
        assertThat(input.path("x-sluice-max-size").asLong()).isEqualTo(4096);
    }

    @Test
    void a_file_input_without_accept_lists_no_types() {
        JsonNode schema = inputSchema("files", "anything");

        assertThat(schema.path("contentMediaType").asText()).isEqualTo("application/octet-stream");
        assertThat(input("files", "anything").has("x-sluice-accept")).isFalse();
        assertThat(input("files", "anything").has("x-sluice-max-size")).isFalse();
    }

    @Test
    void an_image_input_is_described_with_its_formats_max_dimension_and_default_max_pixels() {
        JsonNode schema = inputSchema("images", "photo");
        JsonNode input = input("images", "photo");

        assertThat(schema.path("oneOf").findValuesAsText("format")).containsOnly("binary");
        assertThat(schema.path("oneOf").findValuesAsText("contentMediaType"))
                .containsExactly("image/png", "image/jpeg", "image/gif", "image/bmp");
        assertThat(input.path("x-sluice-accept")).extracting(JsonNode::asText)
                .containsExactly("image/png", "image/jpeg", "image/gif", "image/bmp");
        assertThat(input.path("x-sluice-max-dimension").asInt()).isEqualTo(500);
        assertThat(input.path("x-sluice-max-pixels").asLong()).isEqualTo(100_000_000L);
    }

    @Test
    void an_image_input_is_described_with_its_own_max_pixels() {
        JsonNode input = input("images", "small");

        assertThat(input.path("x-sluice-max-pixels").asLong()).isEqualTo(10_000);
        assertThat(input.has("x-sluice-max-dimension")).isFalse();
    }

    @Test
    void an_image_input_of_one_format_names_it_with_its_size_limit() {
        JsonNode schema = inputSchema("images", "png");

        assertThat(schema.path("contentMediaType").asText()).isEqualTo("image/png");
        assertThat(input("images", "png").path("x-sluice-accept")).extracting(JsonNode::asText).containsExactly("image/png");
        assertThat(input("images", "png").path("x-sluice-max-size").asLong()).isEqualTo(65_536);
    }

    // --- helpers

    JsonNode inputSchema(String task, String input) {
        return input(task, input).path("schema");
    }

    JsonNode input(String task, String input) {
        Response r = http.get("/processes/" + task);
        assertThat(r.status()).isEqualTo(200);
        return r.json().path("inputs").path(input);
    }
}
