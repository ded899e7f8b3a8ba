package dev.sluice.http;

import static dev.sluice.http.ProblemServer.assertInput;
import static dev.sluice.http.ProblemServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file input's accepted types are judged by the file's content: never by its name, never by the client's Content-Type. */
class FileInputChecksTest extends UploadServer {

    private static final byte[] CSV = "name,value\nalpha,1\nbeta,2\n".getBytes(StandardCharsets.UTF_8);

    // --- binary types

    @Test
    void a_text_file_named_png_is_refused_where_a_png_is_expected() {
        JsonNode problem = assertProblem(upload("files", "picture", "x.png", CSV), 400);

        assertInput(problem, "picture", "must be image/png");
        assertThat(problem.path("detail").asText()).contains("is text");
        assertNothingLeftBehind();
    }

    @Test
    void a_real_png_named_txt_is_accepted_and_stored_as_png() throws Exception {
        byte[] png = TestImages.png(40, 30);

        List<Path> stored = accepted("files", "picture", "x.txt", png);

        assertThat(stored).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("picture.png");
            assertThat(Files.readAllBytes(file)).isEqualTo(png);
        });
    }

    @Test
    void a_file_of_another_recognised_type_is_refused_with_what_it_is() {
        JsonNode problem = assertProblem(upload("files", "picture", "x.png", TestImages.encoded("gif", 10, 10)), 400);

        assertInput(problem, "picture", "is a GIF image (image/gif)");
    }

    // --- text types

    @Test
    void utf8_text_is_accepted_as_csv_and_stored_with_its_extension() {
        List<Path> stored = accepted("files", "table", "data.bin", CSV);

        assertThat(stored).extracting(p -> p.getFileName().toString()).containsExactly("table.csv");
    }

    @Test
    void a_csv_whose_first_bytes_are_bm_is_text_not_a_bitmap() {
        byte[] cars = "BMW,320,2019\nBMW,520,2021\nAudi,A4,2020\n".getBytes(StandardCharsets.UTF_8);

        List<Path> stored = accepted("files", "table", "cars.csv", cars);

        assertThat(stored).extracting(p -> p.getFileName().toString()).containsExactly("table.csv");
    }

    @Test
    void bytes_that_are_not_utf8_are_not_text() {
        byte[] latin1 = "name,value\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);

        JsonNode problem = assertProblem(upload("files", "table", "data.csv", latin1), 400);

        assertInput(problem, "table", "one of text/csv, application/json");
        assertThat(problem.path("detail").asText()).contains("not UTF-8");
    }

    @Test
    void text_with_a_nul_byte_is_not_text() {
        byte[] withNul = "name,value\nalpha,\u00001\n".getBytes(StandardCharsets.UTF_8);

        JsonNode problem = assertProblem(upload("files", "table", "data.csv", withNul), 400);

        assertInput(problem, "table", "NUL byte at offset 17");
    }

    @Test
    void a_json_document_is_accepted_as_json() {
        List<Path> stored = accepted("files", "settings", "settings.txt", "{\"depth\": [1, 2, {\"x\": null}]}".getBytes(StandardCharsets.UTF_8));

        assertThat(stored).extracting(p -> p.getFileName().toString()).containsExactly("settings.json");
    }

    @Test
    void text_that_does_not_parse_as_json_is_refused_with_the_line_of_the_mistake() {
        byte[] broken = "{\n  \"depth\": [1, 2,\n}\n".getBytes(StandardCharsets.UTF_8);

        JsonNode problem = assertProblem(upload("files", "settings", "settings.json", broken), 400);

        assertInput(problem, "settings", "must be application/json");
        assertThat(problem.path("detail").asText()).contains("not JSON").contains("line 3");
    }

    @Test
    void two_json_values_in_one_file_are_not_a_json_document() {
        JsonNode problem = assertProblem(upload("files", "settings", "s.json", "{} {}".getBytes(StandardCharsets.UTF_8)), 400);

        assertInput(problem, "settings", "more than one value");
    }

    // --- size, and inputs without accept

    @Test
    void a_file_over_its_max_size_is_refused_with_413_before_its_content_is_judged() {
        byte[] big = new byte[5000];

        JsonNode problem = assertProblem(upload("files", "table", "big.csv", big), 413);

        assertInput(problem, "table", "4 KB");
        assertThat(problem.path("limit").asLong()).isEqualTo(4096);
        assertNothingLeftBehind();
    }

    @Test
    void a_file_input_without_accept_takes_any_content_under_the_clients_extension() {
        List<Path> stored = accepted("files", "anything", "blob.dat", new byte[] {0, 1, 2, 3});

        assertThat(stored).extracting(p -> p.getFileName().toString()).containsExactly("anything.dat");
    }
}
