package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The submitter tokens the command line got from each server, so that `sluice jobs` and `--wait` see the jobs
 * that `sluice submit` made. Readable by the user alone, since a token opens that user's jobs.
 */
final class TokenFile {

    private final Path file;

    TokenFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    Optional<String> tokenFor(String server) {
        return Optional.ofNullable(read().getProperty(server)).filter(t -> !t.isBlank());
    }

    void remember(String server, String token) throws IOException {
        Properties tokens = read();
        tokens.setProperty(server, token);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(partial)) {
            tokens.store(out, "sluice submitter tokens, one per server; keep private");
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private Properties read() {
        Properties tokens = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                tokens.load(in);
            } catch (IOException unreadable) {
                // no remembered tokens then; the server will issue a new one
            }
        }
        return tokens;
    }
}
