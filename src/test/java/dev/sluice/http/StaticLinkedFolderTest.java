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

    @Test
    void a_folder_served_before_and_then_swapped_for_a_link_out_of_the_mount_is_not_followed() throws IOException {
        startWithSiteAndOutside();
        Files.writeString(dir.resolve("site/maps/other.txt"), "inside too");
        Files.writeString(dir.resolve("outside/tile.txt"), "secret");
        Files.writeString(dir.resolve("outside/other.txt"), "secret");
        // why: served twice, so the folder is one the mount remembers as checked
        assertThat(server.http().get("/site/maps/tile.txt").body()).isEqualTo("inside");
        assertThat(server.http().get("/site/maps/tile.txt").body()).isEqualTo("inside");

        Files.move(dir.resolve("site/maps"), dir.resolve("maps-before"));
        Files.createSymbolicLink(dir.resolve("site/maps"), dir.resolve("outside"));

        assertThat(server.http().get("/site/maps/tile.txt").status()).isEqualTo(404);
        assertThat(server.http().get("/site/maps/other.txt").status()).isEqualTo(404);

        Files.delete(dir.resolve("site/maps"));
        Files.move(dir.resolve("maps-before"), dir.resolve("site/maps"));
        assertThat(server.http().get("/site/maps/tile.txt").body()).isEqualTo("inside");
    }

    @Test
    void a_file_served_before_and_then_swapped_for_a_hard_link_to_a_file_elsewhere_is_not_served() throws IOException {
        startWithSiteAndOutside();
        Files.writeString(dir.resolve("outside/secret.txt"), "secret");
        assertThat(server.http().get("/site/maps/tile.txt").body()).isEqualTo("inside");

        Files.delete(dir.resolve("site/maps/tile.txt"));
        Files.createLink(dir.resolve("site/maps/tile.txt"), dir.resolve("outside/secret.txt"));

        assertThat(server.http().get("/site/maps/tile.txt").status()).isEqualTo(404);
    }

    /** A mount of ./site holding maps/tile.txt, and a folder ./outside beside it that must never be served. */
    private void startWithSiteAndOutside() throws IOException {
        Files.createDirectories(dir.resolve("site/maps"));
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("site/maps/tile.txt"), "inside");
        start("""
                tasks:
                  noop: { command: [true] }
                static:
                  "/site": ./site
                """);
    }
}
