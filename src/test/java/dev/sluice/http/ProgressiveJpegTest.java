package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestImages;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A progressive JPEG's decoder holds the whole image outside the heap; that counts against server.decode-memory. */
class ProgressiveJpegTest {

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        Path done = Scripts.write(dir, "done.sh", "echo done");
        server = TestServer.start(dir, "tasks:\n  images:\n    command: " + Scripts.command(done) + "\n"
                + "    inputs:\n      photo: { type: image, max-dimension: 500 }\n",
                Map.of("SLUICE_SERVER_DECODE_MEMORY", "32MB"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_progressive_jpeg_whose_decoder_needs_more_than_the_budget_is_refused_saying_which_setting_to_raise() {
        // 4000 × 4000 at 4:2:0: 48 MB of coefficients
        HttpTestClient.Response refused = upload(TestImages.jpeg(4000, 4000, true));

        HostileInputs.tried("http");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("input").asText()).isEqualTo("photo");
        assertThat(refused.json().path("detail").asText()).contains("progressive JPEG", "server.decode-memory", "32 MB");
    }

    @Test
    void the_same_image_as_a_baseline_jpeg_is_decoded_in_bands_and_accepted() {
        HttpTestClient.Response accepted = upload(TestImages.jpeg(4000, 4000, false));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    @Test
    void a_progressive_jpeg_within_the_budget_is_accepted() {
        HttpTestClient.Response accepted = upload(TestImages.jpeg(2000, 2000, true));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    private HttpTestClient.Response upload(byte[] jpeg) {
        return server.http().multipart("/processes/images/execution", List.of(HttpTestClient.Part.file("photo", "p.jpg", jpeg)));
    }
}
