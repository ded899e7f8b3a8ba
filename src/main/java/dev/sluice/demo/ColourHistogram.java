package dev.sluice.demo;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;

/**
 * Normalised colour statistics of one image: a 512-bin joint RGB histogram for scoring,
 * 32-bin R, G and B histograms for plotting, and the mean of each channel.
 * The arrays are shared, not copied; callers treat them as read-only.
 */
record ColourHistogram(double[] joint, double[][] channels, double[] means) {

    static final int JOINT_BINS_PER_CHANNEL = 8;
    static final int CHANNEL_BINS = 32;
    static final String[] CHANNEL_NAMES = {"red", "green", "blue"};

    static ColourHistogram of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        long[] joint = new long[JOINT_BINS_PER_CHANNEL * JOINT_BINS_PER_CHANNEL * JOINT_BINS_PER_CHANNEL];
        long[][] channels = new long[3][CHANNEL_BINS];
        long[] sums = new long[3];
        // One row at a time keeps the scratch buffer small even for a 2000 px wide image.
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            readRow(image, y, row);
            for (int argb : row) {
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                joint[(r >> 5) << 6 | (g >> 5) << 3 | (b >> 5)]++;
                channels[0][r >> 3]++;
                channels[1][g >> 3]++;
                channels[2][b >> 3]++;
                sums[0] += r;
                sums[1] += g;
                sums[2] += b;
            }
        }
        double pixels = (double) width * height;
        double[][] shares = new double[3][];
        double[] means = new double[3];
        for (int c = 0; c < 3; c++) {
            shares[c] = normalise(channels[c], pixels);
            means[c] = sums[c] / pixels;
        }
        return new ColourHistogram(normalise(joint, pixels), shares, means);
    }

    /** Histogram intersection: the share of colour mass the two images have in common, 1.0 when identical. */
    double intersection(ColourHistogram other) {
        double common = 0;
        for (int i = 0; i < joint.length; i++) {
            common += Math.min(joint[i], other.joint[i]);
        }
        // Summing many small doubles can overshoot 1 by an ulp; the score is promised to stay in [0, 1].
        return Math.clamp(common, 0.0, 1.0);
    }

    /** Reads one row as packed RGB, taking grey samples as they are stored. */
    private static void readRow(BufferedImage image, int y, int[] row) {
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
            image.getRGB(0, y, row.length, 1, row, 0, row.length);
            return;
        }
        // getRGB treats grey as linear light and brightens it (128 becomes 188); PNG and JPEG files mean sRGB grey.
        Raster raster = image.getRaster();
        int max = (1 << model.getComponentSize(0)) - 1;
        for (int x = 0; x < row.length; x++) {
            int v = (raster.getSample(x, y, 0) * 255 + max / 2) / max;
            row[x] = v << 16 | v << 8 | v;
        }
    }

    private static double[] normalise(long[] counts, double total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = counts[i] / total;
        }
        return shares;
    }
}
