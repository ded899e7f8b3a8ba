package dev.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageComparisonTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void run_headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void identical_images_score_one() throws Exception {
        Path a = png("a.png", scene(false));
        Path b = png("b.png", scene(false));

        ImageComparison.Result result = compare(a, b);

        assertThat(result.score()).isCloseTo(1.0, within(1e-9));
        assertThat(Files.readString(dir.resolve("out/score.txt"))).isEqualTo("1.0000");
    }

    @Test
    void a_red_image_and_a_blue_image_score_far_lower() throws Exception {
        Path red = png("red.png", solid(Color.RED));
        Path blue = png("blue.png", solid(Color.BLUE));

        assertThat(compare(red, blue).score()).isLessThan(0.2);
    }

    @Test
    void mostly_similar_images_score_in_between() throws Exception {
        Path a = png("a.png", scene(false));
        Path b = png("b.png", scene(true));

        assertThat(compare(a, b).score()).isBetween(0.5, 0.95);
    }

    @Test
    void the_score_file_holds_four_decimals_and_no_newline() throws Exception {
        compare(png("a.png", scene(false)), png("b.png", scene(true)));

        assertThat(Files.readString(dir.resolve("out/score.txt"))).matches("[01]\\.\\d{4}");
    }

    @Test
    void the_report_escapes_a_file_name_containing_markup() throws Exception {
        Path a = png("photo <b>1 & 2.png", scene(false));

        compare(a, png("plain.png", scene(true)));

        String html = Files.readString(dir.resolve("out/report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("photo &lt;b&gt;1 &amp; 2.png").doesNotContain("<b>");
        assertThat(html).contains("<img src=\"plot.png\"").doesNotContain("<script");
    }

    @Test
    void the_report_is_well_formed_markup() throws Exception {
        compare(png("it's \"quoted\".png", scene(false)), png("b.png", scene(true)));

        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("out/report.html").toFile());

        assertThat(document.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(document.getElementsByTagName("td").getLength()).isEqualTo(9);
    }

    @Test
    void the_plot_decodes_as_a_png_of_the_expected_size() throws Exception {
        compare(png("a.png", scene(false)), png("b.png", solid(Color.GREEN)));

        Path plot = dir.resolve("out/plot.png");
        try (ImageInputStream in = ImageIO.createImageInputStream(plot.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertThat(readers.hasNext()).isTrue();
            assertThat(readers.next().getFormatName()).isEqualToIgnoringCase("png");
        }
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image.getWidth()).isEqualTo(HistogramPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(HistogramPlot.HEIGHT);
    }

    @Test
    void a_grey_png_matches_its_colour_copy() throws Exception {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage rgb = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                grey.getRaster().setSample(x, y, 0, x * 4);
                rgb.setRGB(x, y, new Color(x * 4, x * 4, x * 4).getRGB());
            }
        }

        assertThat(compare(png("grey.png", grey), png("rgb.png", rgb)).score()).isCloseTo(1.0, within(1e-9));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {-1, 0, 2})
    void a_cmyk_or_ycck_jpeg_compares_as_the_colour_it_shows(int adobeTransform) throws Exception {
        Path print = Files.write(dir.resolve("print.jpg"), dev.sluice.testing.JpegSamples.fourChannelRed(64, 64, adobeTransform));

        assertThat(compare(print, png("red.png", solid(Color.RED))).score()).isGreaterThan(0.95);
        assertThat(compare(print, png("blue.png", solid(Color.BLUE))).score()).isLessThan(0.2);
    }

    @Test
    void a_large_image_is_subsampled_while_reading() throws Exception {
        BufferedImage wide = new BufferedImage(4100, 60, BufferedImage.TYPE_INT_RGB);

        ImageComparison.Result result = compare(png("wide.png", wide), png("small.png", solid(Color.BLACK)));

        assertThat(result.first().subsampling()).isEqualTo(3);
        assertThat(result.first().width()).isEqualTo(4100);
        assertThat(result.first().analysedWidth()).isEqualTo(1367);
        assertThat(result.score()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void an_input_that_is_not_an_image_is_a_usage_problem() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just words");

        assertThatThrownBy(() -> compare(text, png("b.png", scene(false))))
                .isInstanceOf(UsageException.class)
                .hasMessage("The input \"notes.txt\" is not an image ImageIO can decode.");
    }

    private ImageComparison.Result compare(Path a, Path b) throws UsageException, IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        return ImageComparison.run(a, b, out, Progress.silent());
    }

    private Path png(String name, BufferedImage image) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A smooth gradient; with {@code patched} a yellow block covers about a sixth of it. */
    private static BufferedImage scene(boolean patched) {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                image.setRGB(x, y, new Color(x * 2, y * 3, 100).getRGB());
            }
        }
        if (patched) {
            Graphics2D g = image.createGraphics();
            g.setColor(Color.YELLOW);
            g.fillRect(10, 10, 40, 40);
            g.dispose();
        }
        return image;
    }

    private static BufferedImage solid(Color colour) {
        BufferedImage image = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 50, 40);
        g.dispose();
        return image;
    }
}
