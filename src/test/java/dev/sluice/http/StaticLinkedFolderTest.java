package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/** A mount whose folder is a link follows the link when a deployment switches it to a new release. */
class StaticLinkedFolderTest extends ServerFixture {

    @Test
    void switching_the_link_of_a_mounted_folder_serves_the_new_release() throws IOException {
        Files.createDirectories(dir.resolve("releases/1"));
        Files.createDirectories(dir.resolve("releases/2"));
        Files.writeString(dir.resolve("releases/1/version.txt"), "release one");
        Files.writeString(dir.resolve("releases/2/version.txt"), "release two");
        Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/1"));
        start("""
                tasks:
                  noop: { command: [true] }
                static:
                  "/site": ./current
                """);
        assertThat(server.http().get("/site/version.txt").body()).isEqualTo("release one");

        Files.createSymbolicLink(dir.resolve("next"), Path.of("releases/2"));
        Files.move(dir.resolve("next"), dir.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertThat(server.http().get("/site/version.txt").body()).isEqualTo("release two");
        assertThat(server.http().get("/site/../releases/1/version.txt").status()).isIn(400, 404);
    }
}
