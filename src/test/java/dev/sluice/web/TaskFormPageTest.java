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
        assertThat(help).isEqualTo("any image · at most 1 KB · at most 4 megapixels · a side longer than 6,000 pixels is scaled down to 6,000");
        assertThat(render(schema).selectFirst(".drop-zone #input-picture")).as("the control sits in its drop zone").isNotNull();
        assertThat(render(schema).selectFirst("#preview-picture").hasAttr("hidden")).isTrue();
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

    @Test
    void the_help_says_each_check_once_in_words_with_thousands_separators() throws Exception {
        ObjectNode image = JSON.createObjectNode().put("type", "string").put("format", "binary").put("x-sluice-max-pixels", 12_500_000);
        image.putArray("x-sluice-accept").add("image/png").add("image/jpeg").add("image/gif").add("image/bmp");
        ObjectNode count = JSON.createObjectNode().put("type", "integer").put("minimum", 1).put("maximum", 20000);
        ObjectNode ratio = JSON.createObjectNode().put("type", "number").put("maximum", 2.5).put("multipleOf", 0.5);

        assertThat(render(image).selectFirst("#help-picture").text()).isEqualTo("PNG, JPEG, GIF or BMP · at most 12,500,000 pixels");
        assertThat(render(count).selectFirst("#help-picture").text()).isEqualTo("a whole number from 1 to 20,000");
        assertThat(render(ratio).selectFirst("#help-picture").text()).isEqualTo("at most 2.5 · in steps of 0.5");
    }

    @Test
    void an_input_without_a_title_is_labelled_with_its_key_made_readable() {
        assertThat(FieldHelp.labelFor("max_width")).isEqualTo("Max width");
        assertThat(FieldHelp.labelFor("inputFile")).isEqualTo("Input file");
        assertThat(FieldHelp.labelFor("dpi")).isEqualTo("Dpi");
        assertThat(FieldHelp.labelFor("__")).isEqualTo("__");
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
