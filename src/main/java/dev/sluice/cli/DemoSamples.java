package dev.sluice.cli;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Two small pictures for the demo's `compare` task, written beside its data on first start, so the submit line the
 * demo prints works as it is on a fresh clone. Alike but not equal: a sunset and the same scene a little later.
 */
final class DemoSamples {

    static final String FOLDER = "samples";
    private static final int WIDTH = 480;
    private static final int HEIGHT = 320;

    private DemoSamples() {
    }

    /** The reference and the sample picture under {@code dataDir}/samples, written when missing. */
    static List<Path> ensure(Path dataDir) throws IOException {
        Path folder = Files.createDirectories(dataDir.resolve(FOLDER));
        Path reference = folder.resolve("reference.png");
        Path sample = folder.resolve("sample.png");
        writeIfMissing(reference, () -> scene(new Color(255, 170, 60), new Color(70, 40, 120), 150));
        writeIfMissing(sample, () -> scene(new Color(240, 120, 50), new Color(40, 30, 90), 200));
        return List.of(reference, sample);
    }

    // why: drawn only when missing; drawing loads ~260 java.desktop classes, ~0.1 s of every demo start
    private static void writeIfMissing(Path file, java.util.function.Supplier<BufferedImage> picture) throws IOException {
        if (Files.isRegularFile(file)) {
            return;
        }
        // why: written under another name and moved, so a demo stopped halfway never leaves half a PNG behind
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        ImageIO.write(picture.get(), "png", partial.toFile());
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static BufferedImage scene(Color horizon, Color sky, int sunHeight) {
        BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, sky, 0, HEIGHT * 0.7f, horizon));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(255, 230, 120));
            g.fillOval(WIDTH / 2 - 40, sunHeight - 40, 80, 80);
            g.setColor(new Color(20, 50, 70));
            g.fillRect(0, (int) (HEIGHT * 0.72), WIDTH, HEIGHT);
            g.setColor(new Color(30, 80, 50));
            g.fillPolygon(new int[] {0, 120, 260, 380, WIDTH, WIDTH, 0},
                    new int[] {230, 170, 220, 160, 210, HEIGHT, HEIGHT}, 7);
        } finally {
            g.dispose();
        }
        return picture;
    }
}
