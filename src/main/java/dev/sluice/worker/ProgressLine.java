package dev.sluice.worker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A progress report printed by a job: a line `::progress N message` where N is 0–100 (decimals are rounded
 * down, values outside are clamped) and the message, optional, is the current stage for a person to read.
 */
public record ProgressLine(int percent, String message) {

    private static final Pattern FORMAT = Pattern.compile("::progress[ \\t]+(\\d{1,3}(?:\\.\\d+)?)(?:[ \\t]+(.*))?");
    private static final int LONGEST_MESSAGE = 500;

    public static Optional<ProgressLine> parse(String line) {
        Matcher m = FORMAT.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int percent = (int) Math.min(100, Math.floor(Double.parseDouble(m.group(1))));
        String message = m.group(2) == null ? "" : m.group(2).strip();
        if (message.length() > LONGEST_MESSAGE) {
            message = message.substring(0, LONGEST_MESSAGE);
        }
        return Optional.of(new ProgressLine(percent, message));
    }
}
