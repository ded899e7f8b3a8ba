package dev.sluice.demo;

import dev.sluice.image.FourChannelJpeg;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes an image file with ImageIO, subsampling large images while reading so they never sit whole in memory. */
final class ImageLoader {

    /** Longest side, in pixels, that is decoded at full resolution. */
    static final int MAX_SIDE = 2000;

    /** Decoded pixels plus the size of the image as stored in the file. */
    record Decoded(BufferedImage pixels, int width, int height, int subsampling) {
    }

    private ImageLoader() {
    }

    static Decoded decode(Path path) throws UsageException {
        String name = displayName(path);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("The input \"" + name + "\" does not exist or is not a file.");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            // ImageIO signals an unreadable file (e.g. no permission) with null rather than an exception.
            if (in == null) {
                throw new UsageException("The input \"" + name + "\" cannot be read.");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notAnImage(name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Only the header is parsed here, so the size is known before any pixel is decoded.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int step = subsamplingFor(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                Optional<FourChannelJpeg> fourChannel = FourChannelJpeg.of(reader, path);
                BufferedImage pixels = fourChannel.isPresent() ? fourChannel.get().readRgb(param) : reader.read(0, param);
                return new Decoded(pixels, width, height, step);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Decoders report truncated or malformed files with runtime exceptions as well as IIOException.
            throw notAnImage(name);
        }
    }

    /** The smallest whole step that brings the longer side down to {@link #MAX_SIDE} or less. */
    static int subsamplingFor(int width, int height) {
        int longer = Math.max(width, height);
        return longer <= MAX_SIDE ? 1 : Math.ceilDiv(longer, MAX_SIDE);
    }

    /** Just the file name: the server's own folder layout is no business of the person reading the message. */
    static String displayName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    private static UsageException notAnImage(String name) {
        return new UsageException("The input \"" + name + "\" is not an image ImageIO can decode.");
    }
}
