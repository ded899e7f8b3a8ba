package dev.sluice.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments a JPEG file begins with (markers and their data, up to the start of the image data), read by their
 * declared lengths and bounded for hostile files: at most {@link #MOST_SEGMENTS} of them, and a file that breaks
 * the structure simply ends the list where it breaks.
 */
final class JpegSegments {

    static final int SOI = 0xD8;
    static final int APP0 = 0xE0;
    static final int APP1 = 0xE1;
    static final int APP14 = 0xEE;
    private static final int SOS = 0xDA;
    private static final int MOST_SEGMENTS = 32;

    /** One segment: its marker (the byte after 0xFF) and its data, without the length bytes. */
    record Segment(int marker, byte[] data) {

        boolean startsWith(byte[] prefix) {
            return data.length >= prefix.length && java.util.Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
        }

        /** A start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC), whose data holds the frame's components. */
        boolean isFrame() {
            return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        }
    }

    private JpegSegments() {
    }

    static List<Segment> of(Path file) {
        List<Segment> segments = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() != 0xFF || in.read() != SOI) {
                return segments;
            }
            while (segments.size() < MOST_SEGMENTS) {
                int prefix = in.read();
                int marker = in.read();
                int length = (in.read() << 8) | in.read();
                if (prefix != 0xFF || marker < 0 || marker == SOS || length < 2) {
                    return segments;
                }
                byte[] data = in.readNBytes(length - 2);
                if (data.length != length - 2) {
                    return segments;
                }
                segments.add(new Segment(marker, data));
            }
        } catch (IOException unreadable) {
            // what was read so far is all there is
        }
        return segments;
    }
}
