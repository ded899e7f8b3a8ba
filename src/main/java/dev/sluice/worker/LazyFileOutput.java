package dev.sluice.worker;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Appends to a file that is opened only when the first byte arrives: a job that
 * prints nothing costs no file.
 */
final class LazyFileOutput extends OutputStream {

    /** Opens the file when the first byte arrives. */
    interface Opener {
        OutputStream open() throws IOException;
    }

    private final Opener opener;
    private OutputStream out;

    LazyFileOutput(Opener opener) {
        this.opener = opener;
    }

    @Override
    public void write(int b) throws IOException {
        opened().write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        opened().write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private OutputStream opened() throws IOException {
        if (out == null) {
            out = opener.open();
        }
        return out;
    }
}
