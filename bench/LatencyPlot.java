import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws W2's latency distributions as cumulative curves on a logarithmic time axis, one per stack, into a PNG:
 * `LatencyPlot OUT.png NAME FILE… [-- NAME FILE…]…`, where each FILE holds one latency in milliseconds a line
 * (bench/run's W2 files; the runs of one stack are pooled).
 */
public class LatencyPlot {

    private static final int WIDTH = 900;
    private static final int PLOT_HEIGHT = 400;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BELOW_AXIS = 70;
    private static final int LEGEND_LINE = 20;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    record Series(String name, List<Double> sortedMs) {
        double percentile(double p) {
            return sortedMs.get(Math.max(0, (int) Math.ceil(p / 100 * sortedMs.size()) - 1));
        }
    }

    public static void main(String[] args) throws IOException {
        List<Series> series = new ArrayList<>();
        for (int i = 1; i < args.length; ) {
            String name = args[i++];
            List<Double> ms = new ArrayList<>();
            for (; i < args.length && !args[i].equals("--"); i++) {
                Files.readAllLines(Path.of(args[i])).stream().filter(l -> !l.isBlank()).map(Double::parseDouble).forEach(ms::add);
            }
            i++;
            Collections.sort(ms);
            series.add(new Series(name, ms));
        }
        ImageIO.write(draw(series), "png", Path.of(args[0]).toFile());
    }

    static BufferedImage draw(List<Series> series) {
        double lo = series.stream().mapToDouble(s -> s.sortedMs().get(0)).min().orElse(1);
        // why: one outlier of seconds would squash every curve into the left third; the legend gives each maximum
        double hi = series.stream().mapToDouble(s -> s.percentile(99.5) * 1.5).max().orElse(10);
        double logLo = Math.floor(Math.log10(lo * 0.9) * 3) / 3;   // whole thirds of a decade around the data
        double logHi = Math.ceil(Math.log10(hi * 1.1) * 3) / 3;
        int height = TOP + PLOT_HEIGHT + BELOW_AXIS + LEGEND_LINE * series.size() + 10;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PLOT_HEIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int decade = (int) Math.floor(logLo); decade <= logHi; decade++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, decade);
                double lv = Math.log10(v);
                if (lv < logLo || lv > logHi) {
                    continue;
                }
                int x = LEFT + (int) Math.round((lv - logLo) / (logHi - logLo) * plotW);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(x, TOP, x, TOP + plotH);
                g.setColor(Color.DARK_GRAY);
                String label = v >= 1 ? String.format("%.0f", v) : String.format("%s", (float) v);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
            }
        }
        for (int pct = 0; pct <= 100; pct += 20) {
            int y = TOP + plotH - pct * plotH / 100;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = pct + "%";
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        List<String> legend = series.stream().map(s -> String.format("%s: p50 %.2f, p95 %.2f, p99 %.2f, max %.0f ms (%d jobs)",
                s.name(), s.percentile(50), s.percentile(95), s.percentile(99), s.sortedMs().getLast(), s.sortedMs().size())).toList();
        int legendX = LEFT + 40;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Path2D.Double curve = new Path2D.Double();
            int n = s.sortedMs().size();
            for (int k = 0; k < n; k++) {
                double x = LEFT + (Math.log10(s.sortedMs().get(k)) - logLo) / (logHi - logLo) * plotW;
                double yBefore = TOP + plotH - (double) k / n * plotH;
                double yAfter = TOP + plotH - (double) (k + 1) / n * plotH;
                if (k == 0) {
                    curve.moveTo(x, yBefore);
                } else {
                    curve.lineTo(x, yBefore);
                }
                curve.lineTo(x, yAfter);
            }
            g.setColor(COLOURS[i % COLOURS.length]);
            g.setStroke(new BasicStroke(2.2f));
            g.setClip(LEFT, TOP - 2, plotW + 1, plotH + 4);
            g.draw(curve);
            g.setClip(null);
            int ly = TOP + plotH + BELOW_AXIS + i * LEGEND_LINE;
            g.drawLine(legendX - 38, ly - 4, legendX - 8, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(legend.get(i), legendX, ly);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("W2: submit-to-finished latency of sequential noop jobs (cumulative)", LEFT, TOP - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        String xLabel = "latency, ms (logarithmic scale)";
        g.drawString(xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, TOP + plotH + 40);
        g.rotate(-Math.PI / 2);
        String yLabel = "jobs finished within that time";
        g.drawString(yLabel, -(TOP + plotH / 2) - g.getFontMetrics().stringWidth(yLabel) / 2, 22);
        g.dispose();
        return image;
    }
}
