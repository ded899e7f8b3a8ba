package dev.sluice.demo;

import dev.sluice.web.Html;
import java.util.Locale;

/** Renders a comparison as a self-contained HTML5 page that shows the plot stored next to it. */
final class ComparisonReport {

    private ComparisonReport() {
    }

    static String render(ImageComparison.Result result) {
        AnalysedImage a = result.first();
        AnalysedImage b = result.second();
        String score = ImageComparison.formatScore(result.score());
        // Void elements are self-closed so the page is also well-formed XML, which lets tests parse it strictly.
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<title>Image comparison: ").append(Html.escape(a.fileName())).append(" vs ")
                .append(Html.escape(b.fileName())).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}")
                .append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .8em;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}.score{font-size:2em;font-weight:bold}")
                .append("img{max-width:100%;height:auto}</style>\n</head>\n<body>\n")
                .append("<h1>Image comparison</h1>\n")
                .append("<p>Similarity score (colour histogram intersection, 1 = identical colours):</p>\n")
                .append("<p class=\"score\">").append(score).append("</p>\n")
                .append("<h2>Inputs</h2>\n<ul>\n")
                .append(inputItem("A", a)).append(inputItem("B", b)).append("</ul>\n")
                .append("<h2>Mean channel values (0\u2013255)</h2>\n<table>\n")
                .append("<tr><th>Channel</th><th>A</th><th>B</th></tr>\n");
        for (int c = 0; c < 3; c++) {
            html.append("<tr><td>").append(ColourHistogram.CHANNEL_NAMES[c]).append("</td><td>")
                    .append(oneDecimal(a.histogram().means()[c])).append("</td><td>")
                    .append(oneDecimal(b.histogram().means()[c])).append("</td></tr>\n");
        }
        return html.append("</table>\n<h2>Histograms</h2>\n")
                .append("<p><img src=\"").append(ImageComparison.PLOT_FILE).append("\" width=\"")
                .append(HistogramPlot.WIDTH).append("\" height=\"").append(HistogramPlot.HEIGHT)
                .append("\" alt=\"Red, green and blue 32-bin histograms of image A (solid lines) and image B")
                .append(" (dashed lines)\" /></p>\n")
                .append("<p>Alpha is ignored; the score uses 8 bins per channel (512 colour bins).</p>\n")
                .append("</body>\n</html>\n")
                .toString();
    }

    private static String inputItem(String label, AnalysedImage image) {
        String item = "<li>" + label + ": <code>" + Html.escape(image.fileName()) + "</code>, "
                + image.width() + " \u00d7 " + image.height() + " px";
        if (image.subsampled()) {
            item += " (analysed at " + image.analysedWidth() + " \u00d7 " + image.analysedHeight()
                    + " px, every " + image.subsampling() + ordinalSuffix(image.subsampling()) + " pixel)";
        }
        return item + "</li>\n";
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ordinalSuffix(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
