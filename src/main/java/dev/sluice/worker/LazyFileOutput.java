package dev.sluice.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends to a file that is opened (its folder made if missing) only when the first byte arrives: a job that
 * prints nothing costs no file.
 */
final class LazyFileOutput extends OutputStream {

    private final Path file;
    private OutputStream out;

    LazyFileOutput(Path file) {
        this.file = file;
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
            Files.createDirectories(file.getParent());
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return out;
    }
}
