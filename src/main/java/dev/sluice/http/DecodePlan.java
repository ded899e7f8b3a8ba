package dev.sluice.http;

import java.util.Optional;

/**
 * How one image is read: the source subsampling step, the size of the raster it yields, whether a final exact
 * resize follows, and the memory all that needs.
 *
 * @param step       keep every step-th pixel of every step-th row while decoding
 * @param downscales the image exceeds its max-dimension, so what is stored is a smaller copy, not the upload
 */
record DecodePlan(int step, int width, int height, int targetWidth, int targetHeight, boolean downscales, long bytes) {

    // why: decoding only to check an image needs no more than a thumbnail's worth of pixels
    static final int CHECK_SIDE = 512;

    /**
     * With a max-dimension the step is the largest that still decodes at least max-dimension pixels on the longest
     * side (less than twice as many), so the exact resize that follows keeps the detail; without one, the image is
     * only checked, at thumbnail size. Either way the step grows until the decode fits in {@code budget} bytes.
     */
    static DecodePlan of(int width, int height, Optional<Integer> maxDimension, int bytesPerPixel, long budget) {
        int longest = Math.max(width, height);
        boolean downscales = maxDimension.isPresent() && longest > maxDimension.get();
        int step = Math.max(1, downscales ? longest / maxDimension.get() : Math.ceilDiv(longest, CHECK_SIDE));
        while (true) {
            DecodePlan plan = at(step, width, height, maxDimension, downscales, bytesPerPixel);
            if (plan.bytes() <= budget || step >= longest) {
                return plan;
            }
            step++;
        }
    }

    private static DecodePlan at(int step, int width, int height, Optional<Integer> maxDimension, boolean downscales,
                                 int bytesPerPixel) {
        int decodedWidth = Math.ceilDiv(width, step);
        int decodedHeight = Math.ceilDiv(height, step);
        int decodedLongest = Math.max(decodedWidth, decodedHeight);
        int targetWidth = decodedWidth;
        int targetHeight = decodedHeight;
        long bytes = (long) decodedWidth * decodedHeight * bytesPerPixel;
        if (downscales && decodedLongest > maxDimension.get()) {
            double scale = (double) maxDimension.get() / decodedLongest;
            targetWidth = Math.clamp(Math.round(decodedWidth * scale), 1, maxDimension.get());
            targetHeight = Math.clamp(Math.round(decodedHeight * scale), 1, maxDimension.get());
            bytes += (long) targetWidth * targetHeight * 4;
        }
        return new DecodePlan(step, decodedWidth, decodedHeight, targetWidth, targetHeight, downscales, bytes);
    }

    /** The decoded raster is larger than what is stored: an exact resize follows the subsampled read. */
    boolean resizes() {
        return targetWidth != width || targetHeight != height;
    }
}
