package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.JpegSamples;
import dev.sluice.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JPEGs as cameras and print shops make them: a photo downscaled past max-dimension keeps its EXIF orientation (and
 * nothing else of its metadata); CMYK and YCCK files decode, and a downscaled one is stored as an RGB JPEG whose
 * colours are those of the original.
 */
class JpegVariantsTest extends UploadServer {

    @ParameterizedTest
    @CsvSource({"BIG_ENDIAN, 6", "LITTLE_ENDIAN, 8", "BIG_ENDIAN, 3"})
    void a_downscaled_jpeg_keeps_its_exif_orientation(String order, int orientation) throws IOException {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] photo = JpegSamples.withOrientation(TestImages.encoded("jpeg", 1200, 900), orientation, byteOrder);

        Path stored = storedFrom(photo);

        assertThat(TestImages.dimensions(stored)).containsExactly(500, 375);
        assertThat(hex(Files.readAllBytes(stored))).as("an EXIF segment with only the orientation")
                .contains(hex("Exif\0\0MM\0*".getBytes()) + "00000008" + "0001" + "0112" + "0003" + "00000001" + "000" + orientation);
    }

    @Test
    void a_downscaled_jpeg_without_exif_gets_none() throws IOException {
        Path stored = storedFrom(TestImages.encoded("jpeg", 1200, 900));

        assertThat(hex(Files.readAllBytes(stored))).doesNotContain(hex("Exif".getBytes()));
    }

    @Test
    void malformed_exif_segments_are_ignored_and_the_photo_is_still_accepted() throws IOException {
        byte[] jpeg = TestImages.encoded("jpeg", 1200, 900);
        List<byte[]> payloads = List.of(
                "Exif\0\0MM".getBytes(),
                bytes("Exif\0\0", "4d4d002a7fffffff"),
                bytes("Exif\0\0", "4d4d002a00000008ffff010f00020000000100410000"),
                bytes("Exif\0\0", "49492a000800000001001201030002000000060000000000"),
                bytes("Exif\0\0", "4d4d002a000000080001011200030000000100090000"));
        for (byte[] payload : payloads) {
            Path stored = storedFrom(JpegSamples.withApp1(jpeg, payload));

            assertThat(TestImages.dimensions(stored)).containsExactly(500, 375);
            assertThat(hex(Files.readAllBytes(stored))).doesNotContain(hex("Exif".getBytes()));
        }
    }

    @ParameterizedTest
    @CsvSource({"plain CMYK, -1", "Adobe CMYK, 0", "Adobe YCCK, 2"})
    void a_four_channel_jpeg_within_max_dimension_is_accepted_and_stored_as_sent(String kind, int transform) throws IOException {
        byte[] jpeg = JpegSamples.fourChannelRed(300, 200, transform);

        List<Path> stored = accepted("images", "photo", "print.jpg", jpeg);

        assertThat(stored).singleElement().satisfies(file -> assertThat(Files.readAllBytes(file)).as(kind).isEqualTo(jpeg));
    }

    @ParameterizedTest
    @CsvSource({"plain CMYK, -1", "Adobe CMYK, 0", "Adobe YCCK, 2"})
    void a_downscaled_four_channel_jpeg_is_stored_as_an_rgb_jpeg_of_the_same_colour(String kind, int transform) throws IOException {
        Path stored = storedFrom(JpegSamples.fourChannelRed(1000, 800, transform));

        BufferedImage image = ImageIO.read(stored.toFile());
        assertThat(image.getWidth()).isEqualTo(500);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(image.getColorModel().getNumColorComponents()).as(kind + " stored as RGB").isEqualTo(3);
        int rgb = image.getRGB(250, 200);
        assertThat(new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF}).as(kind + " stays red")
                .satisfies(c -> {
                    assertThat(c[0]).isGreaterThan(220);
                    assertThat(c[1]).isLessThan(35);
                    assertThat(c[2]).isLessThan(35);
                });
    }

    private Path storedFrom(byte[] jpeg) {
        List<Path> stored = accepted("images", "photo", "photo.jpg", jpeg);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getFileName().toString()).isEqualTo("photo.jpg");
        return stored.get(0);
    }

    private static byte[] bytes(String prefix, String hex) {
        byte[] head = prefix.getBytes();
        byte[] tail = HexFormat.of().parseHex(hex);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
