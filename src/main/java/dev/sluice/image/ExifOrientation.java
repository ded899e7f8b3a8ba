package dev.sluice.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A JPEG's EXIF orientation (tag 0x0112: how a viewer turns the stored pixels to show the photo upright), read from
 * an upload and written into a smaller copy of it, so that the copy shows the same way. The reading is strictly
 * bounded for hostile files (the leading segments only, every offset checked): a malformed EXIF simply has no
 * orientation. Only the orientation is written; the rest of the metadata (GPS position, camera serial) stays out.
 */
public final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT = 3;
    private static final byte[] EXIF = {'E', 'x', 'i', 'f', 0, 0};

    private ExifOrientation() {
    }

    /** The orientation (2–8) of the JPEG in {@code file}; empty for none, the upright 1, or anything malformed. */
    public static Optional<Integer> of(Path file) {
        for (JpegSegments.Segment segment : JpegSegments.of(file)) {
            if (segment.marker() == JpegSegments.APP1 && segment.startsWith(EXIF)) {
                byte[] data = segment.data();
                return orientationIn(ByteBuffer.wrap(data, EXIF.length, data.length - EXIF.length).slice());
            }
        }
        return Optional.empty();
    }

    /** {@code jpeg} (as an encoder wrote it) with an EXIF segment holding {@code orientation}, after its JFIF segment. */
    public static byte[] writeInto(byte[] jpeg, int orientation) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != JpegSegments.SOI) {
            throw new IllegalArgumentException("not a JPEG stream");
        }
        int at = 2;
        // why: JFIF wants its APP0 first after the start marker; readers find the EXIF segment after it all the same
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == JpegSegments.APP0 && jpeg.length >= 6) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 64);
        out.write(jpeg, 0, at);
        out.writeBytes(segment(orientation));
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static byte[] segment(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) ORIENTATION_TAG).putShort((short) SHORT).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        int length = 2 + EXIF.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) JpegSegments.APP1, (byte) (length >> 8), (byte) length});
        out.writeBytes(EXIF);
        out.writeBytes(tiff.array());
        return out.toByteArray();
    }

    private static Optional<Integer> orientationIn(ByteBuffer tiff) {
        if (tiff.remaining() < 8) {
            return Optional.empty();
        }
        byte first = tiff.get(0);
        if (first == 'I' && tiff.get(1) == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (!(first == 'M' && tiff.get(1) == 'M')) {
            return Optional.empty();
        }
        long ifd = Integer.toUnsignedLong(tiff.getInt(4));
        if (tiff.getShort(2) != 42 || ifd < 8 || ifd + 2 > tiff.limit()) {
            return Optional.empty();
        }
        int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > tiff.limit()) {
                return Optional.empty();
            }
            if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG) {
                int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                boolean wellFormed = tiff.getShort(entry + 2) == SHORT && tiff.getInt(entry + 4) == 1;
                return wellFormed && value >= 2 && value <= 8 ? Optional.of(value) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
