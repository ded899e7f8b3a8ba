package dev.sluice.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The frame header of a JPEG (its start-of-frame segment), read without decoding: what a decoder will need. A
 * progressive or multi-scan JPEG is decoded by keeping every DCT coefficient of the whole image until the last
 * scan, two bytes each, outside the Java heap and whatever subsampling is asked for; a baseline one is decoded a
 * band of rows at a time.
 */
public record JpegFrame(int marker, int width, int height, int[] horizontal, int[] vertical) {

    private static final int BLOCK = 8;
    private static final int COEFFICIENT_BYTES = 2;

    /** The frame of the JPEG in {@code file}, if the segments before its first scan hold one. */
    public static Optional<JpegFrame> of(Path file) {
        for (JpegSegments.Segment segment : JpegSegments.of(file)) {
            if (segment.isFrame()) {
                return parse(segment);
            }
        }
        return Optional.empty();
    }

    private static Optional<JpegFrame> parse(JpegSegments.Segment frame) {
        byte[] d = frame.data();
        if (d.length < 6) {
            return Optional.empty();
        }
        int height = ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
        int width = ((d[3] & 0xFF) << 8) | (d[4] & 0xFF);
        int components = d[5] & 0xFF;
        if (components < 1 || d.length < 6 + 3 * components) {
            return Optional.empty();
        }
        int[] h = new int[components];
        int[] v = new int[components];
        for (int c = 0; c < components; c++) {
            int sampling = d[6 + 3 * c + 1] & 0xFF;
            h[c] = Math.max(1, sampling >> 4);
            v[c] = Math.max(1, sampling & 0x0F);
        }
        return Optional.of(new JpegFrame(frame.marker(), width, height, h, v));
    }

    /** Progressive (SOF2, SOF6, SOF10, SOF14): all scans are gathered before a single row comes out. */
    public boolean progressive() {
        return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
    }

    /** What a decoder holds outside the heap for the coefficients: the whole image's for a progressive JPEG, else 0. */
    public long bufferedCoefficientBytes() {
        if (!progressive()) {
            return 0;
        }
        int hMax = java.util.Arrays.stream(horizontal).max().orElse(1);
        int vMax = java.util.Arrays.stream(vertical).max().orElse(1);
        long bytes = 0;
        for (int c = 0; c < horizontal.length; c++) {
            long componentWidth = Math.ceilDiv((long) width * horizontal[c], hMax);
            long componentHeight = Math.ceilDiv((long) height * vertical[c], vMax);
            bytes += Math.ceilDiv(componentWidth, BLOCK) * Math.ceilDiv(componentHeight, BLOCK) * BLOCK * BLOCK * COEFFICIENT_BYTES;
        }
        return bytes;
    }
}
