package dev.sluice.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The single-file Python helper for warm workers (`sluice.py`), shipped inside the jar. */
public final class PythonHelper {

    private static final String RESOURCE = "/python/sluice.py";

    private PythonHelper() {
    }

    public static byte[] source() {
        try (InputStream in = PythonHelper.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
        }
    }
}
