package dev.sluice.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The echo task: optionally waits, then writes its text argument, in the letter case asked for, to {@code echo.txt}. */
final class EchoTask {

    static final double MAX_PAUSE_SECONDS = 86_400;

    private EchoTask() {
    }

    /** Returns the pause in seconds, 0 for none; rejects anything that is not a plain decimal number. */
    static double parsePause(String text) throws UsageException {
        if (text.isEmpty()) {
            return 0;
        }
        // A strict pattern because Double.parseDouble also accepts "NaN", "1e9", "0x1p3" and "5d".
        if (!text.matches("\\d{1,6}(\\.\\d{1,9})?|\\.\\d{1,9}")
                || Double.parseDouble(text) > MAX_PAUSE_SECONDS) {
            throw new UsageException("echo expects a pause in seconds from 0 to " + (long) MAX_PAUSE_SECONDS
                    + " (fractions allowed) or an empty argument, not \"" + text + "\".");
        }
        return Double.parseDouble(text);
    }

    /** The text in the letter case the style names: as-is, upper or lower. */
    static String styled(String text, String style) throws UsageException {
        return switch (style) {
            case "as-is" -> text;
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            default -> throw new UsageException("echo expects the style as-is, upper or lower, not \"" + style + "\".");
        };
    }

    static void run(String text, double pauseSeconds, Path outDir, Progress progress)
            throws IOException, InterruptedException {
        long totalMillis = Math.round(pauseSeconds * 1000);
        String total = BigDecimal.valueOf(pauseSeconds).stripTrailingZeros().toPlainString();
        Pacing pacing = new Pacing();
        for (long elapsed = 1000; elapsed < totalMillis; elapsed += 1000) {
            pacing.sleepUntil(elapsed);
            progress.report((int) Math.min(99, elapsed * 100 / totalMillis),
                    "waited " + elapsed / 1000 + " of " + total + " s");
        }
        pacing.sleepUntil(totalMillis);
        Files.writeString(outDir.resolve("echo.txt"), text, StandardCharsets.UTF_8);
        progress.report(100, "echoed");
    }
}
