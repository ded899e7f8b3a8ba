package dev.sluice.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The compare task: scores how alike two images' colours are and writes score.txt, plot.png and report.html. */
final class ImageComparison {

    static final String SCORE_FILE = "score.txt";
    static final String PLOT_FILE = "plot.png";
    static final String REPORT_FILE = "report.html";

    /** Both analysed inputs and their similarity score in [0, 1]. */
    record Result(AnalysedImage first, AnalysedImage second, double score) {
    }

    private ImageComparison() {
    }

    static Result run(Path first, Path second, Path outDir, Progress progress) throws UsageException, IOException {
        progress.report(10, "reading first image");
        AnalysedImage a = analyse(first);
        progress.report(30, "reading second image");
        AnalysedImage b = analyse(second);
        progress.report(60, "comparing histograms");
        Result result = new Result(a, b, a.histogram().intersection(b.histogram()));
        progress.report(80, "plotting histograms");
        HistogramPlot.write(result, outDir.resolve(PLOT_FILE));
        progress.report(95, "writing report");
        Files.writeString(outDir.resolve(SCORE_FILE), formatScore(result.score()), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(REPORT_FILE), ComparisonReport.render(result), StandardCharsets.UTF_8);
        progress.report(100, "done, similarity " + formatScore(result.score()));
        return result;
    }

    /** Four decimals with a dot whatever the default locale, since other programs parse score.txt. */
    static String formatScore(double score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }

    private static AnalysedImage analyse(Path path) throws UsageException {
        ImageLoader.Decoded decoded = ImageLoader.decode(path);
        // Only the histogram is kept, so this image's pixels can be collected before the next one is decoded.
        return new AnalysedImage(ImageLoader.displayName(path), decoded.width(), decoded.height(),
                decoded.subsampling(), ColourHistogram.of(decoded.pixels()));
    }
}
