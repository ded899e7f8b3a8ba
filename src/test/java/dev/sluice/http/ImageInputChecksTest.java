package dev.sluice.http;

import static dev.sluice.http.ProblemServer.assertInput;
import static dev.sluice.http.ProblemServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An image input is decoded to check it: refused when it is no image or has too many pixels, downscaled past max-dimension. */
class ImageInputChecksTest extends UploadServer {

    // --- what is an image

    @ParameterizedTest
    @CsvSource({"png, png", "jpeg, jpg", "gif, gif", "bmp, bmp"})
    void an_image_within_its_limits_is_stored_as_sent_under_its_formats_extension(String format, String extension) throws Exception {
        byte[] image = TestImages.encoded(format, 60, 40);

        List<Path> stored = accepted("images", "photo", "upload.bin", image);

        assertThat(stored).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("photo." + extension);
            assertThat(Files.readAllBytes(file)).isEqualTo(image);
        });
    }

    @Test
    void a_text_file_named_png_is_refused_as_no_image() {
        JsonNode problem = assertProblem(upload("images", "photo", "x.png", "not an image".getBytes(StandardCharsets.UTF_8)), 400);

        assertInput(problem, "photo", "must be a PNG, JPEG, GIF or BMP image");
        assertThat(problem.path("detail").asText()).contains("is text");
        assertNothingLeftBehind();
    }

    @Test
    void an_empty_file_is_refused_as_empty() {
        JsonNode problem = assertProblem(upload("images", "photo", "empty.png", new byte[0]), 400);

        assertInput(problem, "photo", "this file is empty");
    }

    @Test
    void a_png_cut_short_is_refused_as_not_decodable() {
        byte[] whole = TestImages.noisyPng(120, 120);

        JsonNode problem = assertProblem(upload("images", "photo", "cut.png", Arrays.copyOf(whole, whole.length / 2)), 400);

        assertInput(problem, "photo", "is not a decodable PNG image");
        assertNothingLeftBehind();
    }

    @Test
    void a_format_outside_the_inputs_accept_is_refused_with_what_it_is() {
        JsonNode problem = assertProblem(upload("images", "png", "x.png", TestImages.encoded("jpeg", 20, 20)), 400);

        assertInput(problem, "png", "must be a PNG image");
        assertThat(problem.path("detail").asText()).contains("is a JPEG image (image/jpeg)");
    }

    // --- pixels

    @Test
    void a_decompression_bomb_is_refused_from_its_header_without_decoding() {
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);

        JsonNode problem = assertProblem(upload("images", "photo", "bomb.png", bomb), 400);

        assertInput(problem, "photo", "100000 × 100000 pixels (10000 megapixels)");
        assertThat(problem.path("detail").asText()).contains("at most 100 megapixels").contains("not decoded")
                .contains("raise the input's max-pixels in the task's config (not set: 100 megapixels by default)",
                        "max-dimension scales an image down only once max-pixels has let it in");
        assertNothingLeftBehind();
    }

    @Test
    void an_image_over_max_pixels_is_refused() {
        JsonNode problem = assertProblem(upload("images", "small", "a.png", TestImages.png(101, 100)), 400);

        assertInput(problem, "small", "101 × 100 pixels (10,100 pixels); at most 10,000 pixels are accepted");
        assertThat(problem.path("detail").asText()).contains("raise the input's max-pixels").doesNotContain("by default", "max-dimension");
    }

    @Test
    void an_image_of_exactly_max_pixels_is_accepted() {
        assertThat(accepted("images", "small", "a.png", TestImages.png(100, 100))).hasSize(1);
    }

    // --- max-dimension

    @Test
    void an_image_over_max_dimension_is_stored_downscaled_to_it() {
        List<Path> stored = accepted("images", "photo", "big.png", TestImages.png(3000, 2000));

        assertThat(stored).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("photo.png");
            int[] size = TestImages.dimensions(file);
            assertThat(size[0]).isEqualTo(500);
            assertThat(size[1]).isBetween(333, 334);
        });
    }

    @Test
    void a_downscaled_jpeg_stays_a_jpeg_resized_exactly() {
        List<Path> stored = accepted("images", "photo", "photo.jpeg", TestImages.encoded("jpeg", 1200, 900));

        assertThat(stored).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("photo.jpg");
            assertThat(TestImages.dimensions(file)).containsExactly(500, 375);
        });
    }

    @Test
    void a_downscaled_gif_is_stored_as_png() {
        List<Path> stored = accepted("images", "photo", "anim.gif", TestImages.encoded("gif", 400, 1000));

        assertThat(stored).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("photo.png");
            assertThat(TestImages.dimensions(file)).containsExactly(200, 500);
        });
    }

    // --- size and shape of the request

    @Test
    void an_image_over_its_max_size_is_refused_with_413() {
        JsonNode problem = assertProblem(upload("images", "png", "noise.png", TestImages.noisyPng(200, 200)), 413);

        assertInput(problem, "png", "64 KB");
        assertNothingLeftBehind();
    }

    @Test
    void an_image_sent_as_a_text_field_is_refused() {
        Response r = http.multipart("/processes/images/execution", List.of(Part.field("photo", "cat.png")));

        assertInput(assertProblem(r, 400), "photo", "must be uploaded as a file");
    }

    @Test
    void an_image_sent_in_json_passes_the_same_checks_as_an_upload() {
        // only the PNG signature, base64-encoded: taken from JSON as a file, then refused as an upload would be
        Response r = http.postJson("/processes/images/execution", "{\"inputs\": {\"photo\": \"iVBORw0KGgo=\"}}");

        assertInput(assertProblem(r, 400), "photo", "not a decodable PNG image");
        assertNothingLeftBehind();
    }
}
