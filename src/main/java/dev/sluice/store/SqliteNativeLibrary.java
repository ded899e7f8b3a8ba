package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library beside Sluice's jar and points the driver at it. Why: by default the driver
 * copies the library out of the jar into the temporary folder on every start and compares the copy byte for byte,
 * about 0.1 s of a server's start. The copy is made once per driver version; where it cannot be (a read-only folder,
 * classes not in a jar, a library path set by the user) the driver does as it always did.
 */
final class SqliteNativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static boolean prepared;

    private SqliteNativeLibrary() {
    }

    static synchronized void prepare() {
        if (prepared || System.getProperty(PATH) != null || System.getProperty(NAME) != null) {
            return;
        }
        prepared = true;
        try {
            Path jar = jarOf(SqliteNativeLibrary.class.getProtectionDomain().getCodeSource());
            if (jar != null) {
                Path library = keptBeside(jar);
                System.setProperty(PATH, library.getParent().toString());
                System.setProperty(NAME, library.getFileName().toString());
            }
        } catch (IOException | RuntimeException | URISyntaxException cannot) {
            log.debug("event=sqlite-library-not-kept reason=\"{}\"", cannot.toString());
        }
    }

    /** The driver's library for this machine, copied out of the jar beside {@code jar} unless already there. */
    static Path keptBeside(Path jar) throws IOException {
        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        String name = System.mapLibraryName("sqlitejdbc");
        String version = SQLiteJDBCLoader.getVersion();
        Path kept = jar.resolveSibling("native").resolve(version + "-" + folder.replace('/', '-'));
        Path library = kept.resolve(name);
        if (!Files.isRegularFile(library)) {
            copyOut("/org/sqlite/native/" + folder + "/" + name, kept, library);
        }
        return library;
    }

    private static Path jarOf(CodeSource source) throws URISyntaxException {
        if (source == null || source.getLocation() == null) {
            return null;
        }
        Path location = Path.of(source.getLocation().toURI());
        return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
    }

    // why: written under a name of its own and moved into place, so a start never loads half a library
    private static void copyOut(String resource, Path folder, Path library) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the jar");
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, "partial-", ".so");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
