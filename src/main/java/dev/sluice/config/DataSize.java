package dev.sluice.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes written as `110MB`, `1.5GB` or `512KiB`; units are binary (1 MB = 1024 KB). */
public record DataSize(long bytes) {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?I?B?)", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 512KB, 110MB or 1.5GB");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT).replace("I", "").replace("B", "");
        long factor = switch (unit) {
            case "" -> 1L;
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            default -> 1L << 40;
        };
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        try {
            return new DataSize(value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(megabytes << 20);
    }

    /** The size as a person reads it: `110 MB`, `1.5 GB`, `1.31 GB` (at most two decimals). */
    @Override
    public String toString() {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = new BigDecimal(value).setScale(unit == 0 ? 0 : 2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        return number + " " + units[unit];
    }
}
