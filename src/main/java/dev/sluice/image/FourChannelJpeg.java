package dev.sluice.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * CMYK and YCCK JPEGs (print shops, Photoshop) decoded to RGB. The JDK's own conversion of them is wrong in two of
 * the three kinds (pure red came back black without an Adobe marker, and purple as YCCK), so their four channels are
 * read as they are stored and converted here, naively (no ICC profile): Adobe's files store inverted values, 255
 * meaning no ink, and others plain ones.
 */
public final class FourChannelJpeg {

    private static final byte[] ADOBE = {'A', 'd', 'o', 'b', 'e'};

    /** How the four channels of one file are stored. */
    private record Layout(boolean inverted) {
    }

    private final ImageReader reader;
    private final Layout layout;

    private FourChannelJpeg(ImageReader reader, Layout layout) {
        this.reader = reader;
        this.layout = layout;
    }

    /**
     * The JPEG in {@code file}, read by {@code reader} (its input set to that file), when it has four channels; empty
     * otherwise. The file's own segments tell, not ImageIO's metadata, which refuses files that cameras make (an EXIF
     * segment before the JFIF one).
     */
    public static Optional<FourChannelJpeg> of(ImageReader reader, Path file) {
        if (!"jpeg".equalsIgnoreCase(formatName(reader))) {
            return Optional.empty();
        }
        List<JpegSegments.Segment> segments = JpegSegments.of(file);
        boolean fourChannels = segments.stream().filter(JpegSegments.Segment::isFrame).findFirst()
                .map(frame -> frame.data().length > 5 && frame.data()[5] == 4).orElse(false);
        if (!fourChannels) {
            return Optional.empty();
        }
        boolean adobe = segments.stream().anyMatch(s -> s.marker() == JpegSegments.APP14 && s.startsWith(ADOBE));
        return Optional.of(new FourChannelJpeg(reader, new Layout(adobe)));
    }

    /** Decodes with {@code param}'s subsampling into an RGB image (the four-channel raster and the copy are both held meanwhile). */
    public BufferedImage readRgb(ImageReadParam param) throws IOException {
        // why: the reader turns YCCK back into CMYK for a raster; it does no colour conversion beyond that
        Raster raster = reader.readRaster(0, param);
        int width = raster.getWidth();
        int height = raster.getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width * 4];
        int[] out = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int x = 0; x < width; x++) {
                out[x] = toRgb(row[4 * x], row[4 * x + 1], row[4 * x + 2], row[4 * x + 3]);
            }
            rgb.setRGB(0, y, width, 1, out, 0, width);
        }
        return rgb;
    }

    private int toRgb(int c, int m, int y, int k) {
        int cyan = layout.inverted() ? 255 - c : c;
        int magenta = layout.inverted() ? 255 - m : m;
        int yellow = layout.inverted() ? 255 - y : y;
        int black = layout.inverted() ? 255 - k : k;
        int red = (255 - cyan) * (255 - black) / 255;
        int green = (255 - magenta) * (255 - black) / 255;
        int blue = (255 - yellow) * (255 - black) / 255;
        return red << 16 | green << 8 | blue;
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (java.io.IOException unknown) {
            return "";
        }
    }
}
