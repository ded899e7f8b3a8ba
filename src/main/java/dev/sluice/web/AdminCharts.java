package dev.sluice.web;

import dev.sluice.config.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The admin page's charts, drawn here as inline SVG from the server's own figures (no script, no outside asset):
 * each task's and queue's endings per slice of the span as bars, with the numbers beside them in a table, and each
 * worker's memory as a line. Every chart says in words what it shows, for a screen reader.
 */
final class AdminCharts {

    private static final int BAR_WIDTH = 10;
    private static final int HEIGHT = 32;

    private AdminCharts() {
    }

    /** A table of {@code stats} under a heading, with a bar chart in each row. */
    static void table(StringBuilder html, String id, String heading, String groupWord, List<JobStats> stats, AdminFilters.Window span) {
        html.append("<section aria-labelledby=\"").append(id).append("-title\">\n<h3 id=\"").append(id).append("-title\">")
                .append(Html.escape(heading)).append("</h3>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"")
                .append(id).append("-title\">\n<table id=\"").append(id).append("\" class=\"stats\"><thead><tr><th scope=\"col\">")
                .append(Html.escape(groupWord)).append("</th><th scope=\"col\">Endings</th><th scope=\"col\">Succeeded</th>")
                .append("<th scope=\"col\">Failed</th><th scope=\"col\">Dismissed</th><th scope=\"col\">Wait (median / 90% / 99%)</th>")
                .append("<th scope=\"col\">Run (median / 90% / 99%)</th><th scope=\"col\">Memory peak</th></tr></thead><tbody>\n");
        for (JobStats s : stats) {
            html.append("<tr data-name=\"").append(Html.escape(s.name())).append("\"><th scope=\"row\">").append(Html.escape(s.name()))
                    .append("</th><td>").append(bars(s, span)).append("</td><td class=\"num\">").append(s.successful())
                    .append("</td><td class=\"num\">").append(s.failed()).append(failures(s)).append("</td><td class=\"num\">")
                    .append(s.dismissed()).append("</td><td>").append(spread(s.waited())).append("</td><td>").append(spread(s.ran()))
                    .append("</td><td class=\"num\">").append(s.peakMemory().map(b -> new DataSize(b).toString()).orElse("—"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n</div>\n</section>\n");
    }

    private static String failures(JobStats s) {
        if (s.failures().isEmpty()) {
            return "";
        }
        return " <span class=\"reasons\">(" + Html.escape(s.failures().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))) + ")</span>";
    }

    private static String bars(JobStats s, AdminFilters.Window span) {
        int most = 1;
        for (int i = 0; i < JobStats.SLICES; i++) {
            most = Math.max(most, s.successfulPerSlice()[i] + s.failedPerSlice()[i]);
        }
        String slice = duration(span.length.dividedBy(JobStats.SLICES));
        StringBuilder svg = new StringBuilder("<svg class=\"bars\" width=\"").append(JobStats.SLICES * BAR_WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(JobStats.SLICES * BAR_WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(s.name() + ": " + s.successful() + " succeeded and "
                        + s.failed() + " failed over the " + span.words + ", in bars of " + slice + ", oldest first")).append("\">");
        for (int i = 0; i < JobStats.SLICES; i++) {
            int ok = s.successfulPerSlice()[i] * HEIGHT / most;
            int bad = s.failedPerSlice()[i] * HEIGHT / most;
            int x = i * BAR_WIDTH + 1;
            svg.append("<rect class=\"bar-slot\" x=\"").append(x).append("\" y=\"0\" width=\"").append(BAR_WIDTH - 2)
                    .append("\" height=\"").append(HEIGHT).append("\"/>");
            if (ok > 0) {
                svg.append("<rect class=\"bar-ok\" x=\"").append(x).append("\" y=\"").append(HEIGHT - ok).append("\" width=\"")
                        .append(BAR_WIDTH - 2).append("\" height=\"").append(ok).append("\"/>");
            }
            if (bad > 0) {
                svg.append("<rect class=\"bar-failed\" x=\"").append(x).append("\" y=\"").append(HEIGHT - ok - bad)
                        .append("\" width=\"").append(BAR_WIDTH - 2).append("\" height=\"").append(bad).append("\"/>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A worker's memory over the samples kept, as a line with its range in words. */
    static String memoryLine(List<WorkerMemoryHistory.Sample> samples) {
        if (samples.size() < 2) {
            return "";
        }
        long low = samples.stream().mapToLong(WorkerMemoryHistory.Sample::bytes).min().orElse(0);
        long high = samples.stream().mapToLong(WorkerMemoryHistory.Sample::bytes).max().orElse(0);
        int width = 120;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            long bytes = samples.get(i).bytes();
            int x = i * width / (samples.size() - 1);
            int y = high == low ? HEIGHT / 2 : (int) (HEIGHT - 2 - (bytes - low) * (HEIGHT - 4) / (high - low));
            points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
        }
        Duration spanned = Duration.between(samples.getFirst().at(), samples.getLast().at());
        String words = "memory over the last " + duration(spanned) + ": from " + new DataSize(low) + " to " + new DataSize(high);
        return "<svg class=\"spark\" width=\"" + width + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + width + " " + HEIGHT
                + "\" role=\"img\" aria-label=\"" + Html.escape(words) + "\"><polyline points=\"" + points + "\"/></svg>";
    }

    private static String spread(JobStats.Spread spread) {
        if (spread.p50().isEmpty()) {
            return "—";
        }
        return duration(spread.p50().get()) + " / " + duration(spread.p90().orElseThrow()) + " / " + duration(spread.p99().orElseThrow());
    }

    /** "0.4 s", "12 s", "3 min", "1.5 h": short, as a table cell reads best. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 120_000) {
            return (millis / 1000) + " s";
        }
        if (millis < 7_200_000) {
            return (millis / 60_000) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }
}
