package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/** The copy of sqlite-jdbc's native library kept beside the jar, so a start does not copy it out again. */
@Timeout(30)
class SqliteNativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void the_library_is_copied_once_beside_the_jar_and_equals_the_drivers() throws IOException {
        Path jar = Files.writeString(dir.resolve("sluice.jar"), "");

        Path library = SqliteNativeLibrary.keptBeside(jar);

        assertThat(library.getParent().getParent()).isEqualTo(dir.resolve("native"));
        assertThat(library.getParent().getFileName().toString()).startsWith(SQLiteJDBCLoader.getVersion() + "-");
        assertThat(Files.readAllBytes(library)).isEqualTo(driversLibrary());
        try (var left = Files.list(library.getParent())) {
            assertThat(left).as("no partial copy is left").containsExactly(library);
        }

        FileTime made = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(library, made);
        assertThat(SqliteNativeLibrary.keptBeside(jar)).isEqualTo(library);
        assertThat(Files.getLastModifiedTime(library)).as("a kept copy is not written again").isEqualTo(made);
    }

    @Test
    void a_folder_that_cannot_be_written_is_reported_and_nothing_is_left() throws IOException {
        Path readOnly = Files.createDirectories(dir.resolve("opt"));
        Path jar = Files.writeString(readOnly.resolve("sluice.jar"), "");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // why: root may write anyway; then the copy is simply made
            if (Files.isWritable(readOnly)) {
                assertThat(SqliteNativeLibrary.keptBeside(jar)).isRegularFile();
            } else {
                assertThatThrownBy(() -> SqliteNativeLibrary.keptBeside(jar)).isInstanceOf(IOException.class);
                assertThat(readOnly.resolve("native")).doesNotExist();
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static byte[] driversLibrary() throws IOException {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
