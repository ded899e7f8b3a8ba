package dev.sluice.config;

/**
 * The config's own value formats as JSON Schema patterns (ECMA-262, which editors use, and Java alike), written to
 * accept exactly what {@link Durations#parse} and {@link DataSize#parse} accept; a test holds them to that.
 */
final class ValueFormats {

    // why: the parsers trim (every character up to U+0020) and Durations also drops spaces anywhere inside
    private static final String TRIMMED = "[\\x00- ]*";

    /** `500ms`, `30s`, `10m`, `2h`, `7d`, `1h30m`. */
    static final String DURATION = "^" + TRIMMED + "(?:[0-9][0-9 ]*(?:m *s|[smhd]) *)+" + TRIMMED + "$";

    /** `512KB`, `110MB`, `1.5GB`, `512KiB`, or plain bytes; units in either case. */
    static final String SIZE = "^" + TRIMMED + "[0-9]+(?:\\.[0-9]+)?[ \\t\\n\\x0B\\f\\r]*[KMGTkmgt]?[Ii]?[Bb]?" + TRIMMED + "$";

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ValueFormats() {
    }

    /** A size as the config would write it: the largest unit that divides it, else plain bytes. */
    static String size(DataSize size) {
        long value = size.bytes();
        int unit = -1;
        while (value != 0 && value % 1024 == 0 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? String.valueOf(value) : value + UNITS[unit];
    }
}
