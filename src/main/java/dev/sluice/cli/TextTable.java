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
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length - 1; i++) {
                line.append(String.format((rightAligned.contains(i) ? "%" : "%-") + widths[i] + "s  ", row[i]));
            }
            table.append((line + row[row.length - 1]).stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }
}
