package dev.sluice.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws both images' 32-bin R, G and B histograms as overlaid lines: solid for the first image, dashed for the second. */
final class HistogramPlot {

    static final int WIDTH = 800;
    static final int HEIGHT = 400;

    private static final int LEFT = 70;
    private static final int RIGHT = 590;
    private static final int TOP = 50;
    private static final int BOTTOM = 340;
    private static final Color[] CHANNEL_COLOURS = {new Color(210, 40, 40), new Color(30, 150, 50), new Color(40, 80, 220)};
    private static final Stroke SOLID = new BasicStroke(2f);
    private static final Stroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);

    private HistogramPlot() {
    }

    static void write(ImageComparison.Result result, Path file) throws IOException {
        if (!ImageIO.write(render(result), "png", file.toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
    }

    static BufferedImage render(ImageComparison.Result result) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Colour histograms (32 bins per channel), similarity "
                    + ImageComparison.formatScore(result.score()), LEFT, 28);
            double top = niceCeiling(Math.max(peak(result.first()), peak(result.second())));
            drawAxes(g, top);
            drawLines(g, result.first(), top, SOLID);
            drawLines(g, result.second(), top, DASHED);
            drawLegend(g, result);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawAxes(Graphics2D g, double top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 4; i++) {
            int y = BOTTOM - (BOTTOM - TOP) * i / 4;
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, y, RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            String label = Math.round(top * i / 4 * 100) + " %";
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (int value : new int[] {0, 64, 128, 192, 255}) {
            int x = LEFT + (RIGHT - LEFT) * value / 255;
            String label = Integer.toString(value);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, BOTTOM + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP);
        g.drawString("channel intensity", (LEFT + RIGHT) / 2 - 45, BOTTOM + 40);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String axis = "share of pixels";
        rotated.drawString(axis, -(TOP + BOTTOM) / 2 - rotated.getFontMetrics().stringWidth(axis) / 2, 18);
        rotated.dispose();
    }

    private static void drawLines(Graphics2D g, AnalysedImage image, double top, Stroke stroke) {
        g.setStroke(stroke);
        double[][] channels = image.histogram().channels();
        for (int c = 0; c < channels.length; c++) {
            Path2D.Double line = new Path2D.Double();
            for (int bin = 0; bin < channels[c].length; bin++) {
                // Plot at bin centres so the first and last bins sit inside the frame.
                double x = LEFT + (RIGHT - LEFT) * (bin + 0.5) / channels[c].length;
                double y = BOTTOM - (BOTTOM - TOP) * channels[c][bin] / top;
                if (bin == 0) {
                    line.moveTo(x, y);
                } else {
                    line.lineTo(x, y);
                }
            }
            g.setColor(CHANNEL_COLOURS[c]);
            g.draw(line);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawLegend(Graphics2D g, ImageComparison.Result result) {
        int x = RIGHT + 20;
        int y = TOP + 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        y = legendEntry(g, x, y, Color.BLACK, SOLID, "A: " + shorten(result.first().fileName()));
        y = legendEntry(g, x, y, Color.BLACK, DASHED, "B: " + shorten(result.second().fileName()));
        y += 10;
        for (int c = 0; c < CHANNEL_COLOURS.length; c++) {
            y = legendEntry(g, x, y, CHANNEL_COLOURS[c], SOLID, ColourHistogram.CHANNEL_NAMES[c]);
        }
    }

    private static int legendEntry(Graphics2D g, int x, int y, Color colour, Stroke stroke, String text) {
        g.setColor(colour);
        g.setStroke(stroke);
        g.drawLine(x, y, x + 30, y);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawString(text, x + 38, y + 4);
        return y + 22;
    }

    /** Long names would run off the image; the report carries them in full. */
    private static String shorten(String name) {
        return name.length() <= 22 ? name : name.substring(0, 20) + "…";
    }

    private static double peak(AnalysedImage image) {
        double peak = 0;
        for (double[] channel : image.histogram().channels()) {
            for (double share : channel) {
                peak = Math.max(peak, share);
            }
        }
        return peak;
    }

    /** The smallest of a few round axis tops that fits the peak, chosen so all four tick labels are whole percents. */
    private static double niceCeiling(double peak) {
        for (double step : new double[] {0.04, 0.08, 0.2, 0.4, 0.6, 0.8}) {
            if (peak <= step) {
                return step;
            }
        }
        return 1.0;
    }
}
