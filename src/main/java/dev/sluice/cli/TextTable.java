package dev.sluice.cli;

import java.util.List;
import java.util.Set;

/** Rows printed as columns as wide as their longest value, two spaces apart, so long names keep the table aligned. */
final class TextTable {

    private TextTable() {
    }

    /** {@code rightAligned}: the columns (by index) that hold numbers, which read best aligned to the right. */
    static String render(List<String[]> rows, Set<Integer> rightAligned) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(printable(row[i])));
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = printable(row[i]);
                String padding = " ".repeat(widths[i] - width(cell));
                line.append(rightAligned.contains(i) ? padding + cell : cell + padding).append("  ");
            }
            table.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }

    /**
     * {@code text} with control characters (a tab, a line break, a terminal escape a job put in its message) shown as
     * spaces: they would break a row, and an escape sequence could rewrite what the terminal shows.
     */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return shown.toString();
    }

    /** The columns a text takes: one per character, so a letter outside the BMP counts once, not as two chars. */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
