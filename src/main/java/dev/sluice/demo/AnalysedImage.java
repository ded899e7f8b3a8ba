package dev.sluice.demo;

/** What the comparison keeps about one input once its pixels have been reduced to a histogram. */
record AnalysedImage(String fileName, int width, int height, int subsampling, ColourHistogram histogram) {

    boolean subsampled() {
        return subsampling > 1;
    }

    int analysedWidth() {
        return Math.ceilDiv(width, subsampling);
    }

    int analysedHeight() {
        return Math.ceilDiv(height, subsampling);
    }
}
