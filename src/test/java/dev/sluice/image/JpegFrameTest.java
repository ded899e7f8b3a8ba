package dev.sluice.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegFrameTest {

    @TempDir
    Path dir;

    @Test
    void a_progressive_jpeg_needs_two_bytes_for_every_coefficient_of_every_component() throws IOException {
        Path file = Files.write(dir.resolve("p.jpg"), TestImages.jpeg(1000, 600, true));

        JpegFrame frame = JpegFrame.of(file).orElseThrow();

        assertThat(frame.progressive()).isTrue();
        assertThat(frame.width()).isEqualTo(1000);
        assertThat(frame.height()).isEqualTo(600);
        // luma 1000 × 600 (rounded up to 8-pixel blocks: 1000 × 600), two chroma planes of 500 × 300 (504 × 304)
        assertThat(frame.bufferedCoefficientBytes()).isEqualTo(2L * (1000 * 600 + 2 * 504 * 304));
    }

    @Test
    void a_baseline_jpeg_is_decoded_in_bands_and_buffers_nothing() throws IOException {
        Path file = Files.write(dir.resolve("b.jpg"), TestImages.jpeg(1000, 600, false));

        JpegFrame frame = JpegFrame.of(file).orElseThrow();

        assertThat(frame.progressive()).isFalse();
        assertThat(frame.bufferedCoefficientBytes()).isZero();
    }

    @Test
    void a_file_without_a_frame_has_none() throws IOException {
        assertThat(JpegFrame.of(Files.write(dir.resolve("x.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}))).isEmpty();
    }
}
