package dev.sluice.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs of its machine (root for a mount namespace, Chromium for the browser): on a developer's laptop
 * a test whose need is not met is skipped, saying why; in CI (where {@code CI} is set, and .ci/run installs every
 * need and runs as root) it fails instead, so that CI never passes by skipping.
 */
public final class Requirements {

    private Requirements() {
    }

    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Skips the calling test with {@code why} when {@code met} is false, or fails it in CI. */
    public static void require(boolean met, String why) {
        if (met) {
            return;
        }
        if (onCi()) {
            throw new AssertionError(why + "; CI must run this test (.ci/run installs what it needs and runs as root)");
        }
        Assumptions.assumeTrue(false, why + "; skipped here, run in CI");
    }
}
