package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.worker.TaskHealth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form follows whatever keywords an input's schema carries, including those of image and accept inputs. */
class TaskFormPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void an_image_schema_becomes_a_file_control_with_its_accept_size_and_pixel_checks() throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "string").put("format", "binary")
                .put("contentMediaType", "image/*").put("x-sluice-max-size", 1024).put("x-sluice-max-pixels", 4_000_000)
                .put("x-sluice-max-dimension", 6000);

        Element input = render(schema).selectFirst("#input-picture");
        String help = render(schema).selectFirst("#help-picture").text();

        assertThat(input.attr("type")).isEqualTo("file");
        assertThat(input.attr("accept")).isEqualTo("image/*");
        assertThat(input.attr("data-max-pixels")).isEqualTo("4000000");
        assertThat(input.attr("data-max-dimension")).isEqualTo("6000");
        assertThat(input.attr("data-max-size")).isEqualTo("1024");
        assertThat(help).contains("at most 1 KB", "image/*", "at most 4000000 pixels", "larger than 6000 px on a side is scaled down");
    }

    @Test
    void a_declared_list_of_media_types_is_what_the_file_control_accepts() throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "string").put("format", "binary")
                .put("contentMediaType", "application/octet-stream");
        schema.putArray("x-sluice-accept").add("text/csv").add("application/json");

        Element input = render(schema).selectFirst("#input-picture");

        assertThat(input.attr("accept")).isEqualTo("text/csv,application/json");
        assertThat(input.attr("data-accept")).isEqualTo("text/csv,application/json");
    }

    @Test
    void a_multiple_of_becomes_the_step_of_a_number() throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "number").put("minimum", 0).put("multipleOf", 0.25);

        Element input = render(schema).selectFirst("#input-picture");

        assertThat(input.attr("step")).isEqualTo("0.25");
        assertThat(input.attr("data-multiple-of")).isEqualTo("0.25");
    }

    private org.jsoup.nodes.Document render(ObjectNode schema) throws Exception {
        SluiceConfig config = new ConfigLoader().parse("""
                tasks:
                  look:
                    command: [true]
                    inputs:
                      picture: { type: file, title: Picture }
                """, "test.yaml", dir, Map.of());
        TaskFormPage page = new TaskFormPage(spec -> schema, new TaskHealth(Clock.systemUTC()));
        return Jsoup.parse(page.render("look", config.task("look").orElseThrow()));
    }
}
