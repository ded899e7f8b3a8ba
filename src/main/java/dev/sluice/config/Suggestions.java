package dev.sluice.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known name a mistyped one was most likely meant to be (`limts` for `limits`, `python` for `python3`). */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest of {@code known} to {@code typed}, if one is close enough to be a likely typo. */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        return known.stream()
                .filter(k -> !k.equals(typed) && isClose(typed, k))
                // why: among equally close names the later one wins: python3 over python2, the newer of two versions
                .min(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(Comparator.reverseOrder()));
    }

    // why: a distance of 1 or 2 is a typo for names of any length, but 'a' -> 'b' would suggest anything for short names
    private static boolean isClose(String typed, String known) {
        int d = distance(typed.toLowerCase(java.util.Locale.ROOT), known.toLowerCase(java.util.Locale.ROOT));
        return d == 0 || (d <= 2 && d * 3 <= Math.max(typed.length(), known.length()));
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
